/**
 * A picture from the operator's computer to cloud storage: shrunk in the browser to the width the mini-program shows
 * (src/services/imageNaming.ts, the phone's own rule), as JPEG, then uploaded under `images/<folder>/`.
 */
import { IMAGE_MAX_WIDTH, IMAGE_QUALITY, imageCloudPath, shrunkSize } from '../../../src/services/imageNaming'
import type { ImageFolder } from '../../../src/domain/images'
import { DeskError, uploadFile } from '../cloud'

const shrink = async (file: File): Promise<Blob> => {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new DeskError('INVALID_INPUT', '无法读取这张图片，请选择 JPG 或 PNG 图片')
  }
  const { width, height } = shrunkSize(bitmap.width, bitmap.height, IMAGE_MAX_WIDTH)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new DeskError('INVALID_INPUT', '图片处理失败'))), 'image/jpeg', IMAGE_QUALITY),
  )
}

/** Shrinks and uploads `file`: its fileID, and a local link to show it before the cloud links it. */
export const uploadPicture = async (folder: ImageFolder, file: File): Promise<{ fileID: string; preview: string }> => {
  const blob = await shrink(file)
  const fileID = await uploadFile(imageCloudPath(folder), new File([blob], 'picture.jpg', { type: 'image/jpeg' }))
  return { fileID, preview: URL.createObjectURL(blob) }
}
