/**
 * Tencent's location picker in a dialog: the operator searches or taps the store on the map, the picker posts the
 * point to this page, and 使用此位置 fills the store's coordinates (and its address when none is typed yet). Only a
 * message from the picker's own frame and origin is read: any other frame or extension may post to the page too.
 */
import { useEffect, useRef, useState } from 'react'
import { Dialog } from 'tdesign-react'
import { LOCATION_PICKER_ORIGINS, pickedPoint, type PickedPoint } from './storeForm'

interface Props {
  /** The picker's address (locationPickerUrl); the dialog is shown only when the build has a map key. */
  url: string
  onPick: (point: PickedPoint) => void
  onClose: () => void
}

export const MapPointPicker = ({ url, onPick, onClose }: Props) => {
  const frame = useRef<HTMLIFrameElement>(null)
  const [picked, setPicked] = useState<PickedPoint | null>(null)

  useEffect(() => {
    const listen = (event: MessageEvent) => {
      if (!LOCATION_PICKER_ORIGINS.includes(event.origin) || event.source !== frame.current?.contentWindow) return
      const point = pickedPoint(event.data)
      if (point) setPicked(point)
    }
    window.addEventListener('message', listen)
    return () => window.removeEventListener('message', listen)
  }, [])

  return (
    <Dialog
      visible
      width={860}
      header="在地图上选择门店位置"
      confirmBtn={{ content: '使用此位置', disabled: picked === null }}
      onConfirm={() => picked && onPick(picked)}
      onClose={onClose}
    >
      <iframe ref={frame} className="map-picker__frame" src={url} title="腾讯地图选点" />
      <p className="map-picker__picked" aria-live="polite">
        {picked
          ? `已选：${[picked.name, picked.address].filter(Boolean).join('，') || '地图上的点'}（${picked.latitude}, ${picked.longitude}）`
          : '搜索或在地图上点选门店，再点“使用此位置”'}
      </p>
    </Dialog>
  )
}
