import type { PosterOutcome, PosterSpec } from './posterImage'

export const SAVE_POSTER_LABEL = '下载海报'

/** The browser makes its canvas on the fly: nothing to place in the page. */
export const PosterCanvas = () => null

const NO_CANVAS = '此浏览器无法生成海报'

const loadImage = (src: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = reject
    image.src = src
  })

export const renderPoster = async (spec: PosterSpec): Promise<string> => {
  const canvas = document.createElement('canvas')
  canvas.width = spec.width * spec.scale
  canvas.height = spec.height * spec.scale
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error(NO_CANVAS)
  ctx.scale(spec.scale, spec.scale)
  spec.paint(ctx, await loadImage(spec.codeDataUrl))
  return canvas.toDataURL('image/png')
}

/** The browser preview: a PNG download, the page stays. */
export const savePosterImage = async (image: string, fileName: string): Promise<PosterOutcome> => {
  try {
    const link = document.createElement('a')
    link.href = image
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    return { ok: true, message: '海报已下载' }
  } catch {
    return { ok: false, message: '海报下载失败，请稍后再试' }
  }
}

export const exportPoster = async (spec: PosterSpec, fileName: string): Promise<PosterOutcome> => {
  let image: string
  try {
    image = await renderPoster(spec)
  } catch (error) {
    return { ok: false, message: (error as Error)?.message === NO_CANVAS ? NO_CANVAS : '海报生成失败，请稍后再试' }
  }
  return savePosterImage(image, fileName)
}
