import type { PosterOutcome } from './posterExport'
import { paintPoster, POSTER_HEIGHT, POSTER_SCALE, POSTER_WIDTH, type PosterWords } from './poster'

export const SAVE_POSTER_LABEL = '下载海报'

/** The browser makes its canvas on the fly: nothing to place in the page. */
export const PosterCanvas = () => null

const loadImage = (src: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = reject
    image.src = src
  })

/** The browser preview: the same poster, painted on a canvas and downloaded as a PNG. */
export const savePoster = async (words: PosterWords, codeDataUrl: string): Promise<PosterOutcome> => {
  try {
    const canvas = document.createElement('canvas')
    canvas.width = POSTER_WIDTH * POSTER_SCALE
    canvas.height = POSTER_HEIGHT * POSTER_SCALE
    const ctx = canvas.getContext('2d')
    if (!ctx) return { ok: false, message: '此浏览器无法生成海报' }
    ctx.scale(POSTER_SCALE, POSTER_SCALE)
    paintPoster(ctx, words, await loadImage(codeDataUrl))
    const link = document.createElement('a')
    link.href = canvas.toDataURL('image/png')
    link.download = '邀请海报.png'
    document.body.appendChild(link)
    link.click()
    link.remove()
    return { ok: true, message: '海报已下载' }
  } catch {
    return { ok: false, message: '海报生成失败，请稍后再试' }
  }
}
