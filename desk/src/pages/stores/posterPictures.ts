/**
 * The store posters as files on the desk: the phone's own layout and words (src/ops/posters/storePoster.ts) painted
 * on a browser canvas at print size (A5 at ~200 dpi), the bare code as the server answered it, and every active
 * staff member's poster of a store in one .zip (fflate, loaded only when a batch is made).
 */
import type { StoreCodeView } from '../../../../src/api/contract'
import type { StaffRole } from '../../../../src/domain/staff'
import {
  codeDataUrl,
  paintStorePoster,
  STORE_POSTER_HEIGHT,
  STORE_POSTER_SCALE,
  STORE_POSTER_WIDTH,
  storePosterFileName,
  storePosterWords,
} from '../../../../src/ops/posters/storePoster'

const loadImage = (src: string): Promise<HTMLImageElement> =>
  new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('小程序码图片无法读取'))
    image.src = src
  })

const canvasBlob = (canvas: HTMLCanvasElement): Promise<Blob> =>
  new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('海报生成失败'))), 'image/png'))

/** The printed poster of one code, as a PNG of 1200 × 1696 px; `role` says 导购 or 店长 on a staff member's. */
export const drawStorePoster = async (code: StoreCodeView, role: StaffRole | null): Promise<Blob> => {
  const image = await loadImage(codeDataUrl(code))
  const canvas = document.createElement('canvas')
  canvas.width = STORE_POSTER_WIDTH * STORE_POSTER_SCALE
  canvas.height = STORE_POSTER_HEIGHT * STORE_POSTER_SCALE
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('浏览器不支持画布，无法生成海报')
  // The poster's fonts may still be loading on a first open: measure with the ones that will be used.
  await document.fonts?.ready
  ctx.scale(STORE_POSTER_SCALE, STORE_POSTER_SCALE)
  paintStorePoster(ctx, storePosterWords(code, role), image)
  return canvasBlob(canvas)
}

/** The bare code, as the server answered it (WeChat's JPEG or the local cloud's PNG). */
export const codeBlob = (code: StoreCodeView): Blob => {
  const bytes = Uint8Array.from(atob(code.image.base64), (c) => c.charCodeAt(0))
  return new Blob([bytes], { type: code.image.contentType })
}

/** Hands a file to the browser's downloads under `fileName`. */
export const saveBlob = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The download has taken the bytes once the click returns; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export interface PosterFile {
  storeId: string
  staffId: string
  blob: Blob
}

/**
 * One .zip of posters, each named as the single download names it. PNGs are already compressed: stored as they
 * are (level 0), which is as small and much faster.
 */
export const zipPosters = async (posters: PosterFile[]): Promise<Blob> => {
  const { zipSync } = await import('fflate')
  const entries = await Promise.all(
    posters.map(async (p) => [storePosterFileName(p.storeId, p.staffId), new Uint8Array(await p.blob.arrayBuffer())] as const),
  )
  const zipped = zipSync(Object.fromEntries(entries), { level: 0 })
  return new Blob([zipped], { type: 'application/zip' })
}
