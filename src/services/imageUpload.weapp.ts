import Taro from '@tarojs/taro'
import { ensurePrivacyAuthorized } from './privacyAuth'
import { IMAGE_MAX_WIDTH, IMAGE_QUALITY, imageCloudPath } from './imageNaming'
import type { ImageFolder } from '../domain/images'
import type { UploadedImage } from './imageUpload'

const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

export const pickAndUploadImage = async (folder: ImageFolder): Promise<UploadedImage | null> => {
  // Choosing from the album is a privacy API: WeChat asks for the privacy guide's consent first.
  if (!(await ensurePrivacyAuthorized())) return null
  let picked: string
  try {
    const { tempFiles } = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
    picked = tempFiles[0].tempFilePath
  } catch (e) {
    if (cancelled(e)) return null
    throw e
  }
  let filePath = picked
  const { width } = await Taro.getImageInfo({ src: picked })
  if (width > IMAGE_MAX_WIDTH)
    filePath = (await Taro.compressImage({ src: picked, quality: IMAGE_QUALITY * 100, compressedWidth: IMAGE_MAX_WIDTH })).tempFilePath
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath: imageCloudPath(folder), filePath })
  return { fileID, previewSrc: filePath }
}
