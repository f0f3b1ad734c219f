/**
 * The invitation poster as a picture: painted on a Canvas 2D context (WeChat's `<canvas type="2d">` and the
 * browser's canvas speak the same API), so the image a member saves matches the poster on the page. Apart
 * from Taro: services/posterImage gives it a canvas and the code's image, and exports the result.
 */
import { BRAND_WORDMARK } from '../../brand'
import { POSTER_FONT as FONT, roundedRect, spacedText, wrapLines, type PosterContext } from '../../services/posterPaint'

/** The poster in its own units; exported at `POSTER_SCALE` times that for a sharp print on any phone. */
export const POSTER_WIDTH = 600
export const POSTER_HEIGHT = 960
export const POSTER_SCALE = 2

export interface PosterWords {
  /** The big line: the friend's gift (or, with none, who invites). */
  headline: string
  subline: string
}

/** What the poster says under the code and at its foot (the page's preview shows the same words). */
export const POSTER_CODE_HINT = '长按识别小程序码'
export const POSTER_CODE_SUBHINT = '微信扫一扫，立即加入会员'
export const POSTER_FOOTER = '消费累积分 · 满额升级VIP · 生日月专享礼遇'

const CHAMPAGNE = '#ecd3a4'
const INK = '#1f1d1a'
const MUTED = '#8a857c'
const MARGIN = 48

/**
 * Paints the poster at the context's origin, in poster units (scale the context first for a larger image):
 * the brand, what the friend gets, who invites, the mini-program code on a white panel, the program's promise.
 */
export const paintPoster = (ctx: PosterContext, words: PosterWords, code: CanvasImageSource) => {
  ctx.save()
  const background = ctx.createLinearGradient(0, 0, POSTER_WIDTH, POSTER_HEIGHT)
  background.addColorStop(0, '#2b2724')
  background.addColorStop(0.6, '#151312')
  background.addColorStop(1, '#3b3026')
  ctx.fillStyle = background
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT)
  // The card's soft champagne sheen, top right.
  const sheen = ctx.createRadialGradient(520, 40, 0, 520, 40, 420)
  sheen.addColorStop(0, 'rgba(236, 211, 164, 0.18)')
  sheen.addColorStop(1, 'rgba(236, 211, 164, 0)')
  ctx.fillStyle = sheen
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT)

  ctx.textBaseline = 'alphabetic'
  ctx.textAlign = 'left'
  ctx.fillStyle = CHAMPAGNE
  ctx.globalAlpha = 0.8
  ctx.font = `700 22px ${FONT}`
  spacedText(ctx, BRAND_WORDMARK, MARGIN, 84, 8)
  ctx.fillRect(MARGIN, 108, 56, 3)

  ctx.globalAlpha = 1
  // 40px: a gift's name and amount ("入会即得 好友邀请礼券（满¥200减¥20）") fits in two lines.
  ctx.font = `600 40px ${FONT}`
  const measure = (text: string) => ctx.measureText(text).width
  let y = 186
  for (const line of wrapLines(measure, words.headline, POSTER_WIDTH - 2 * MARGIN, 2)) {
    ctx.fillText(line, MARGIN, y)
    y += 56
  }
  ctx.globalAlpha = 0.78
  ctx.font = `400 28px ${FONT}`
  y += 4
  for (const line of wrapLines(measure, words.subline, POSTER_WIDTH - 2 * MARGIN, 2)) {
    ctx.fillText(line, MARGIN, y)
    y += 42
  }

  ctx.globalAlpha = 1
  const panel = { x: MARGIN, y: 420, w: POSTER_WIDTH - 2 * MARGIN, h: 452 }
  ctx.fillStyle = '#ffffff'
  roundedRect(ctx, panel.x, panel.y, panel.w, panel.h, 24)
  ctx.fill()
  const codeSize = 300
  ctx.drawImage(code, (POSTER_WIDTH - codeSize) / 2, panel.y + 36, codeSize, codeSize)
  ctx.textAlign = 'center'
  ctx.fillStyle = INK
  ctx.font = `600 28px ${FONT}`
  ctx.fillText(POSTER_CODE_HINT, POSTER_WIDTH / 2, panel.y + 380)
  ctx.fillStyle = MUTED
  ctx.font = `400 22px ${FONT}`
  ctx.fillText(POSTER_CODE_SUBHINT, POSTER_WIDTH / 2, panel.y + 416)

  ctx.fillStyle = CHAMPAGNE
  ctx.globalAlpha = 0.6
  ctx.font = `400 20px ${FONT}`
  ctx.fillText(POSTER_FOOTER, POSTER_WIDTH / 2, POSTER_HEIGHT - 36)
  ctx.restore()
}
