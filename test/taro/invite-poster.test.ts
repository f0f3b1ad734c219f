/**
 * The invitation poster apart from the page: what is painted where (./poster, on any Canvas 2D context), and
 * how WeChat saves it (services/posterImage.weapp): the album permission asked once, the settings page after a
 * refusal, the canvas exported and saved; a closed save sheet is no failure.
 */
import Taro from '@tarojs/taro'
import { paintPoster, POSTER_CODE_HINT, POSTER_HEIGHT, POSTER_SCALE, POSTER_WIDTH } from '../../src/pages/invite/poster'
import { savePoster } from '../../src/pages/invite/posterExport'
import { wrapLines, type PosterContext } from '../../src/services/posterPaint'

// The WeChat build's way of painting and saving (Taro's platform files: jest resolves the H5 one by default).
jest.mock('../../src/services/posterImage', () => jest.requireActual('../../src/services/posterImage.weapp'))

/** Every character as wide as the font is tall: enough to test where lines break. */
const measureAt = (size: number) => (text: string) => Array.from(text).length * size

interface Painted {
  texts: string[]
  images: { image: unknown; x: number; y: number; w: number; h: number }[]
  scaledBy: number[]
}

/** A Canvas 2D context that records what is painted on it. */
const recordingContext = (): { ctx: PosterContext; painted: Painted } => {
  const painted: Painted = { texts: [], images: [], scaledBy: [] }
  const gradient = { addColorStop: () => undefined }
  const ctx = {
    fillStyle: '',
    font: '10px sans-serif',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    fillRect: () => undefined,
    fillText: (text: string) => void painted.texts.push(text),
    measureText(text: string) {
      return { width: measureAt(Number(/(\d+)px/.exec(this.font)![1]))(text) }
    },
    createLinearGradient: () => gradient,
    createRadialGradient: () => gradient,
    beginPath: () => undefined,
    moveTo: () => undefined,
    arcTo: () => undefined,
    closePath: () => undefined,
    fill: () => undefined,
    drawImage: (image: unknown, x: number, y: number, w: number, h: number) => void painted.images.push({ image, x, y, w, h }),
    save: () => undefined,
    restore: () => undefined,
    scale: (by: number) => void painted.scaledBy.push(by),
  }
  return { ctx: ctx as unknown as PosterContext, painted }
}

describe('the poster', () => {
  it('breaks a long headline into at most two lines, the second ending in …', () => {
    const lines = wrapLines(measureAt(10), '一二三四五六七八九十一二三四五六七八九十一二三四五', 100, 2)
    expect(lines).toEqual(['一二三四五六七八九十', '一二三四五六七八九…'])
    expect(wrapLines(measureAt(10), '李娜 邀请你加入会员', 200, 2)).toEqual(['李娜 邀请你加入会员'])
  })

  it('never starts a line with a closing mark, nor splits an amount', () => {
    // "（满¥200减¥20）" at 10 units a character in 140: the "）" would start the second line alone.
    expect(wrapLines(measureAt(10), '好友礼券（满¥200减¥20）', 140, 2)).toEqual(['好友礼券（满¥200减', '¥20）'])
    expect(wrapLines(measureAt(10), '好友礼券（满¥200减¥20）', 100, 2)).toEqual(['好友礼券（满¥200', '减¥20）'])
  })

  it('paints the friend’s gift, who invites, the code on its panel and how to scan it', () => {
    const { ctx, painted } = recordingContext()
    const code = { kind: 'code image' }
    paintPoster(
      ctx,
      { headline: '入会即得 好友邀请礼券（满¥200减¥20）', subline: '李娜 邀请你加入会员' },
      code as unknown as CanvasImageSource,
    )
    const text = painted.texts.join('')
    expect(text).toContain('李娜 邀请你加入会员')
    expect(text).toContain('入会即得 好友邀请礼券')
    expect(painted.texts).toContain(POSTER_CODE_HINT)
    // The code, 300 units square, centred on the poster's white panel.
    expect(painted.images).toEqual([{ image: code, x: (POSTER_WIDTH - 300) / 2, y: 456, w: 300, h: 300 }])
  })
})

describe('saving the poster on WeChat', () => {
  const api = {
    getSetting: jest.fn(),
    authorize: jest.fn(),
    showModal: jest.fn(),
    openSetting: jest.fn(),
    canvasToTempFilePath: jest.fn(),
    saveImageToPhotosAlbum: jest.fn(),
    createSelectorQuery: jest.fn(),
    getFileSystemManager: jest.fn(),
  }
  let painted: Painted
  let canvas: { width: number; height: number; getContext: () => PosterContext; createImage: () => { src: string; onload?: () => void } }
  const written: { filePath: string; data: string; encoding: string }[] = []

  beforeAll(() => Object.assign(Taro, api, { env: { USER_DATA_PATH: 'wxfile://usr' } }))

  beforeEach(() => {
    for (const fn of Object.values(api)) fn.mockReset()
    written.length = 0
    const recording = recordingContext()
    painted = recording.painted
    canvas = {
      width: 300,
      height: 150,
      getContext: () => recording.ctx,
      createImage: () => {
        const image: { src: string; onload?: () => void } = { src: '' }
        // The image loads once its source is set, as WeChat's does.
        return new Proxy(image, {
          set: (target, key, value) => {
            Reflect.set(target, key, value)
            if (key === 'src') setTimeout(() => target.onload?.(), 0)
            return true
          },
        })
      },
    }
    api.createSelectorQuery.mockReturnValue({
      select: () => ({ fields: () => ({ exec: (done: (found: unknown[]) => void) => done([{ node: canvas }]) }) }),
    })
    api.getFileSystemManager.mockReturnValue({
      writeFile: (args: { filePath: string; data: string; encoding: string; success: () => void }) => {
        written.push({ filePath: args.filePath, data: args.data, encoding: args.encoding })
        args.success()
      },
    })
    api.canvasToTempFilePath.mockResolvedValue({ tempFilePath: 'wxfile://tmp/poster.png' })
    api.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' })
  })

  const WORDS = { headline: '入会即得 好友邀请礼券（满¥200减¥20）', subline: '李娜 邀请你加入会员' }
  const CODE = 'data:image/png;base64,iVBORw0KGgo='

  it('asks for the album the first time, then paints at twice the size, exports and saves', async () => {
    api.getSetting.mockResolvedValue({ authSetting: {} })
    api.authorize.mockResolvedValue({ errMsg: 'authorize:ok' })
    await expect(savePoster(WORDS, CODE)).resolves.toEqual({ ok: true, message: '海报已保存到相册' })
    expect(api.authorize).toHaveBeenCalledWith({ scope: 'scope.writePhotosAlbum' })
    // The code image is the server's PNG, written to a file first.
    expect(written).toEqual([{ filePath: 'wxfile://usr/poster-code.png', data: 'iVBORw0KGgo=', encoding: 'base64' }])
    expect([canvas.width, canvas.height]).toEqual([POSTER_WIDTH * POSTER_SCALE, POSTER_HEIGHT * POSTER_SCALE])
    expect(painted.scaledBy).toEqual([POSTER_SCALE])
    expect(painted.texts.join('')).toContain('李娜 邀请你加入会员')
    expect(api.canvasToTempFilePath).toHaveBeenCalledWith(expect.objectContaining({ canvas, fileType: 'png' }))
    expect(api.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/poster.png' })
  })

  it('saves without asking when the album is already allowed', async () => {
    api.getSetting.mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': true } })
    await expect(savePoster(WORDS, CODE)).resolves.toMatchObject({ ok: true })
    expect(api.authorize).not.toHaveBeenCalled()
    expect(api.showModal).not.toHaveBeenCalled()
  })

  it('after a refusal, sends the shopper to settings, and saves once they allow it there', async () => {
    api.getSetting.mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': false } })
    api.showModal.mockResolvedValue({ confirm: true, cancel: false })
    api.openSetting.mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': true } })
    await expect(savePoster(WORDS, CODE)).resolves.toMatchObject({ ok: true })
    expect(api.authorize).not.toHaveBeenCalled()
    expect(api.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' }))
    expect(api.saveImageToPhotosAlbum).toHaveBeenCalled()
  })

  it('saves nothing when the permission is declined, and says so', async () => {
    api.getSetting.mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': false } })
    api.showModal.mockResolvedValue({ confirm: false, cancel: true })
    await expect(savePoster(WORDS, CODE)).resolves.toEqual({ ok: false, message: '未获得相册权限，海报未保存' })
    expect(api.saveImageToPhotosAlbum).not.toHaveBeenCalled()

    api.getSetting.mockResolvedValue({ authSetting: {} })
    api.authorize.mockRejectedValue({ errMsg: 'authorize:fail auth deny' })
    await expect(savePoster(WORDS, CODE)).resolves.toEqual({ ok: false, message: '未获得相册权限，海报未保存' })
    expect(api.saveImageToPhotosAlbum).not.toHaveBeenCalled()
  })

  it('reads a closed save sheet as a choice, and any other failure as one', async () => {
    api.getSetting.mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': true } })
    api.saveImageToPhotosAlbum.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail cancel' })
    await expect(savePoster(WORDS, CODE)).resolves.toEqual({ ok: false, message: '已取消保存' })
    api.canvasToTempFilePath.mockRejectedValueOnce({ errMsg: 'canvasToTempFilePath:fail' })
    await expect(savePoster(WORDS, CODE)).resolves.toEqual({ ok: false, message: '海报保存失败，请稍后再试' })
  })
})
