/**
 * A form's picture from the operator's computer: shown as it will be, uploaded at once when picked (shrunk in the
 * browser, pictureUpload.ts), changed or removed before the form is saved. Uploading is the operator's wait, so
 * the save itself only names the file; the form holds its save while `onUploading` says one is under way.
 */
import { useState } from 'react'
import { Button, MessagePlugin } from 'tdesign-react'
import type { ImageFolder } from '../../../src/domain/images'
import { DeskError } from '../cloud'
import { uploadPicture } from './pictureUpload'

/** The picture's fileID for the server ('' for none), and what to show meanwhile (the upload's copy, or the cloud's link). */
export interface PictureValue {
  fileID: string
  src: string
}

interface Props {
  folder: ImageFolder
  value: PictureValue
  onChange: (value: PictureValue) => void
  onUploading: (uploading: boolean) => void
  alt: string
  /** A landscape frame (an event's cover) instead of a square one (a catalog item). */
  wide?: boolean
}

export const PicturePicker = ({ folder, value, onChange, onUploading, alt, wide = false }: Props) => {
  const [uploading, setUploading] = useState(false)
  const busy = (on: boolean) => {
    setUploading(on)
    onUploading(on)
  }
  const pick = async (file: File | undefined) => {
    if (!file) return
    busy(true)
    try {
      const uploaded = await uploadPicture(folder, file)
      onChange({ fileID: uploaded.fileID, src: uploaded.preview })
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '图片上传失败')
    } finally {
      busy(false)
    }
  }
  const frame = wide ? ' picture__preview--wide' : ''
  return (
    <div className="picture">
      {value.src ? (
        <img className={`picture__preview${frame}`} src={value.src} alt={alt} />
      ) : (
        <div className={`picture__empty${frame}`}>未上传</div>
      )}
      <label className="picture__pick">
        <input type="file" accept="image/jpeg,image/png,image/webp" hidden onChange={(e) => void pick(e.target.files?.[0])} />
        <span className="t-button t-button--variant-outline">{uploading ? '正在上传…' : value.src ? '更换图片' : '上传图片'}</span>
      </label>
      {value.fileID && (
        <Button variant="text" onClick={() => onChange({ fileID: '', src: '' })}>
          移除
        </Button>
      )}
    </div>
  )
}
