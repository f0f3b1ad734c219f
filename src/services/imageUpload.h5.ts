import { currentLocalIdentity } from './localIdentity'
import { IMAGE_QUALITY, imageCloudPath, shrunkSize } from './imageNaming'
import type { ImageFolder } from '../domain/images'
import type { UploadedImage } from './imageUpload'

/** The browser's file picker; null when it closes without a file. */
const pickFile = () =>
  new Promise<File | null>((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => resolve(null))
    input.click()
  })

/** The picture redrawn at most IMAGE_MAX_WIDTH wide, as a JPEG, as wx.compressImage leaves it. */
const shrink = async (file: File): Promise<Blob> => {
  const bitmap = await createImageBitmap(file)
  const { width, height } = shrunkSize(bitmap.width, bitmap.height)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')!
  // A transparent PNG becomes a JPEG on white, not black.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('图片处理失败'))), 'image/jpeg', IMAGE_QUALITY),
  )
}

/** The H5 preview: the local cloud stands in for wx.cloud.uploadFile, as the current local identity. */
export const pickAndUploadImage = async (folder: ImageFolder): Promise<UploadedImage | null> => {
  const file = await pickFile()
  if (!file) return null
  const jpeg = await shrink(file)
  const response = await fetch(`/local/upload?cloudPath=${encodeURIComponent(imageCloudPath(folder))}`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', 'x-local-openid': currentLocalIdentity().openid },
    body: jpeg,
  })
  const answer = (await response.json()) as { fileID?: string; errMsg?: string }
  if (!response.ok || !answer.fileID) throw new Error(answer.errMsg ?? `上传失败（HTTP ${response.status}）`)
  return { fileID: answer.fileID, previewSrc: URL.createObjectURL(jpeg) }
}
