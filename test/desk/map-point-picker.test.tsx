/**
 * The map point picker as an operator uses it (testing-library, jsdom, TDesign): Tencent's picker frame posts the
 * chosen place, the dialog names it, and 使用此位置 hands the point over. Messages from another frame, another
 * origin or in another shape are ignored, so no other page can fill a store's point.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { MapPointPicker } from '../../desk/src/pages/stores/MapPointPicker'
import type { PickedPoint } from '../../desk/src/pages/stores/storeForm'

const URL = 'https://apis.map.qq.com/tools/locpicker?search=1&type=1&key=K&referer=R'
const PLACE = {
  module: 'locationPicker',
  latlng: { lat: 39.9334, lng: 116.455 },
  poiaddress: '北京市朝阳区三里屯路19号',
  poiname: '三里屯太古里',
}

const post = (data: unknown, from: { origin?: string; source?: Window | null } = {}) => {
  const frame = document.querySelector('iframe')
  act(() => {
    window.dispatchEvent(
      new MessageEvent('message', {
        data,
        origin: from.origin ?? 'https://mapapi.qq.com',
        source: from.source ?? frame?.contentWindow ?? null,
      }),
    )
  })
}

const open = () => {
  const picks: PickedPoint[] = []
  render(<MapPointPicker url={URL} onPick={(p) => picks.push(p)} onClose={() => undefined} />)
  return { picks, confirm: () => screen.getByText('使用此位置').closest('.t-button') as HTMLElement }
}

describe('MapPointPicker', () => {
  it('frames Tencent’s picker and waits for a point before it can be used', () => {
    const { picks, confirm } = open()
    expect(screen.getByTitle('腾讯地图选点').getAttribute('src')).toBe(URL)
    expect(confirm().hasAttribute('disabled')).toBe(true)
    fireEvent.click(confirm())
    expect(picks).toEqual([])
  })

  it('takes the point the picker posts and hands it over on 使用此位置', () => {
    const { picks, confirm } = open()
    post(PLACE)
    expect(screen.getByText('已选：三里屯太古里，北京市朝阳区三里屯路19号（39.9334, 116.455）')).toBeTruthy()
    fireEvent.click(confirm())
    expect(picks).toEqual([{ latitude: '39.9334', longitude: '116.455', address: '北京市朝阳区三里屯路19号', name: '三里屯太古里' }])
  })

  it('ignores a message from another origin, another frame, or in another shape', () => {
    const { picks, confirm } = open()
    post(PLACE, { origin: 'https://evil.example' })
    post(PLACE, { source: window })
    post({ ...PLACE, module: 'somethingElse' })
    post({ ...PLACE, latlng: { lat: '39.9', lng: 116.4 } })
    post({ ...PLACE, latlng: { lat: Number.NaN, lng: 116.4 } })
    post('locationPicker')
    expect(confirm().hasAttribute('disabled')).toBe(true)
    fireEvent.click(confirm())
    expect(picks).toEqual([])
  })
})
