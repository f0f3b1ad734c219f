/**
 * An operator's picture for the product (an event's cover): picked from the album or the camera, shrunk on the phone
 * to at most IMAGE_MAX_WIDTH px wide (a phone screen's width at 2–3× is all a picture is ever shown at), and uploaded
 * to cloud storage under `images/<folder>/` as the operator (the storage rule makes the uploader its creator). One
 * implementation per platform: imageUpload.weapp.ts (wx.chooseMedia, wx.compressImage, wx.cloud.uploadFile),
 * imageUpload.h5.ts (a file input, a canvas, the local cloud's `POST /local/upload`).
 */
import type { ImageFolder } from '../domain/images'

export interface UploadedImage {
  /** `cloud://…/images/<folder>/<name>.jpg`: what a function is given to keep. */
  fileID: string
  /** A local source to show the picture at once, before any function has linked it. */
  previewSrc: string
}

/** Resolves null when the user cancels the picker (or declines the privacy guide); rejects when the upload fails. */
export declare const pickAndUploadImage: (folder: ImageFolder) => Promise<UploadedImage | null>
