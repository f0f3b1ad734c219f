import Taro from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import { ensurePrivacyAuthorized, PRIVACY_DECLINED } from './privacyAuth'
import type { PosterOutcome, PosterSpec } from './posterImage'
import type { PosterContext } from './posterPaint'

export const SAVE_POSTER_LABEL = '保存到相册'

const ALBUM = 'scope.writePhotosAlbum'
const CANVAS_ID = 'poster-canvas'

/**
 * Canvas 2D, off screen: WeChat paints a canvas that is laid out (not `display: none`), and exports it with
 * canvasToTempFilePath. Its pixel size is set when painting; its CSS size only has to exist.
 */
export const PosterCanvas = () => <Canvas type="2d" id={CANVAS_ID} style="position:fixed;left:-10000px;top:0;width:300px;height:480px" />

const canvasNode = () =>
  new Promise<Taro.Canvas>((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((found: { node?: Taro.Canvas }[] | null) =>
        found?.[0]?.node ? resolve(found[0].node) : reject(new Error('poster canvas not found')),
      )
  })

/**
 * The server's code is a data URL; a Canvas 2D image loads a file reliably on every device, so it is written
 * to the mini-program's own user folder first, named for its type (a store's code from WeChat is JPEG).
 */
const codeFile = (dataUrl: string) =>
  new Promise<string>((resolve, reject) => {
    const filePath = `${Taro.env.USER_DATA_PATH}/poster-code.${dataUrl.startsWith('data:image/png') ? 'png' : 'jpg'}`
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: dataUrl.slice(dataUrl.indexOf(',') + 1),
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: reject,
    })
  })

const loadImage = (canvas: Taro.Canvas, src: string) =>
  new Promise<Taro.Image>((resolve, reject) => {
    const image = canvas.createImage()
    image.onload = () => resolve(image)
    image.onerror = reject
    image.src = src
  })

export const renderPoster = async (spec: PosterSpec): Promise<string> => {
  const canvas = await canvasNode()
  const code = await loadImage(canvas, await codeFile(spec.codeDataUrl))
  canvas.width = spec.width * spec.scale
  canvas.height = spec.height * spec.scale
  const ctx = canvas.getContext('2d') as unknown as PosterContext
  ctx.scale(spec.scale, spec.scale)
  spec.paint(ctx, code as unknown as CanvasImageSource)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' })
  return tempFilePath
}

/**
 * The album permission: asked for once (WeChat's own sheet); once refused, WeChat will not ask again, so the
 * user is sent to the settings page, where only they can turn it on.
 */
const mayWriteAlbum = async (): Promise<boolean> => {
  const { authSetting } = await Taro.getSetting()
  if (authSetting[ALBUM] === true) return true
  if (authSetting[ALBUM] === undefined) {
    try {
      await Taro.authorize({ scope: ALBUM })
      return true
    } catch {
      return false
    }
  }
  const { confirm } = await Taro.showModal({
    title: '需要相册权限',
    content: '保存海报需要「添加到相册」权限，请在设置中开启',
    confirmText: '去设置',
  })
  if (!confirm) return false
  const { authSetting: after } = await Taro.openSetting()
  return after[ALBUM] === true
}

/** Saves the image `render` makes, once the user has let the album be written. Never rejects. */
const saveToAlbum = async (render: () => Promise<string>): Promise<PosterOutcome> => {
  try {
    if (!(await ensurePrivacyAuthorized())) return { ok: false, message: PRIVACY_DECLINED }
    if (!(await mayWriteAlbum())) return { ok: false, message: '未获得相册权限，海报未保存' }
    await Taro.saveImageToPhotosAlbum({ filePath: await render() })
    return { ok: true, message: '海报已保存到相册' }
  } catch (error) {
    // Closing WeChat's save sheet is a choice, not a failure.
    const cancelled = /cancel/i.test((error as { errMsg?: string })?.errMsg ?? '')
    return { ok: false, message: cancelled ? '已取消保存' : '海报保存失败，请稍后再试' }
  }
}

export const savePosterImage = (image: string, _fileName: string) => saveToAlbum(async () => image)

export const exportPoster = (spec: PosterSpec, _fileName: string) => saveToAlbum(() => renderPoster(spec))
