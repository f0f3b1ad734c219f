/**
 * The printed store poster as a picture: what it says (storePosterWords, from ops.storeCode's answer) and where
 * (paintStorePoster, on any Canvas 2D context). A5 portrait (148 × 210 mm), light paper so it prints cleanly:
 * the brand, the welcome gift (what makes a passer-by scan), the store and its address, the code on a white panel,
 * 扫码加入会员, and whose code it is. The
 * same layout as the CLI's posters (scripts/posters), painted on the phone so operators print real codes.
 */
import type { StoreCodeView, StoreDirectoryEntry } from '../../api/contract'
import { BRAND_WORDMARK } from '../../brand'
import { POSTER_FONT as FONT, roundedRect, spacedText, wrapLines, type PosterContext } from '../../services/posterPaint'

/** A5's proportions in poster units; exported at `STORE_POSTER_SCALE` times that (1200 × 1696 px, ~200 dpi at A5). */
export const STORE_POSTER_WIDTH = 600
export const STORE_POSTER_HEIGHT = 848
export const STORE_POSTER_SCALE = 2

export const STORE_POSTER_CTA = '扫码加入会员'
export const STORE_POSTER_SUB = '微信扫一扫 · 积分、会员礼遇、生日特权'

export interface StorePosterWords {
  brand: string
  store: string
  address: string
  /** "入会即送 新会员礼券（满¥200减¥20）", or null when joining gives no coupon. */
  gift: string | null
  /** Whose code: "导购 王丽 · 工号 A01", or the store's own (what to check a print against the list by). */
  who: string
}

type StaffRole = StoreDirectoryEntry['staff'][number]['role']

export const storePosterWords = (code: StoreCodeView, role: StaffRole | null): StorePosterWords => ({
  brand: BRAND_WORDMARK,
  store: code.store.name,
  address: code.store.address,
  who: code.assistant
    ? `${role === 'manager' ? '店长' : '导购'} ${code.assistant.name} · 工号 ${code.assistant.staffId}`
    : '门店会员专属码',
  gift: code.welcomeGift ? `入会即送 ${code.welcomeGift}` : null,
})

/** A file name that says whose poster it is: "门店海报-SH001-A01.png" (a staff member's), "门店海报-SH001.png" (the store's). */
export const storePosterFileName = (storeId: string, staffId: string | null): string =>
  `门店海报-${storeId}${staffId ? `-${staffId}` : ''}.png`

/** The bare code's file name, with the extension of its own type (WeChat answers JPEG, the local cloud PNG). */
export const storeCodeFileName = (code: StoreCodeView): string =>
  `小程序码-${code.store.id}${code.assistant ? `-${code.assistant.staffId}` : ''}.${code.image.contentType === 'image/jpeg' ? 'jpg' : 'png'}`

/** The code's image from the server's answer, as a data URL. */
export const codeDataUrl = (code: StoreCodeView): string => `data:${code.image.contentType};base64,${code.image.base64}`

const INK = '#1f1d1a'
const SOFT = '#4a463f'
const GOLD = '#d9b77e'
const PAPER = '#f5f3ef'
const MARGIN = 56
const TEXT_WIDTH = STORE_POSTER_WIDTH - 2 * MARGIN

/**
 * The largest of `sizes` (descending, in px) at which `text` fits on one line of `maxWidth`; the smallest when
 * none does. `measureAt(size, text)` measures with the font set to that size.
 */
export const fitFontSize = (measureAt: (size: number, text: string) => number, text: string, maxWidth: number, sizes: number[]): number =>
  sizes.find((size) => measureAt(size, text) <= maxWidth) ?? sizes[sizes.length - 1]

/** How wide letter-spaced text is (no spacing after the last character): to centre it. */
export const spacedWidth = (ctx: PosterContext, text: string, spacing: number): number => {
  const chars = Array.from(text)
  return chars.reduce((sum, char) => sum + ctx.measureText(char).width, 0) + spacing * Math.max(0, chars.length - 1)
}

/** Where things sit, in poster units (y of a text line is its baseline). */
export const STORE_POSTER_LAYOUT = {
  brandY: 84,
  ruleY: 104,
  /** The gift's band, under the rule: its top and height (its text's baseline sits at 0.66 of it). */
  gift: { y: 128, height: 48 },
  /** The store's name and address are centred between the rule (or the gift) and the panel. */
  headTop: 124,
  headTopUnderGift: 184,
  headBottom: 284,
  nameSize: 36,
  nameLine: 48,
  addressSize: 22,
  addressLine: 32,
  nameToAddress: 10,
  panel: { size: 344, y: 300 },
  code: 304,
  ctaY: 706,
  subY: 740,
  hairlineY: 766,
  whoY: 806,
} as const

/** One line of text as painted: the words, the font size, the baseline. */
export interface PaintedLine {
  text: string
  size: number
  y: number
}

/**
 * The store's name (at most two lines) and address (at most two, ending in … if longer), centred as a block
 * in the band between the brand and the code. Pure: `measureAt(size, text)` is the canvas's measure at that size.
 */
export const layoutStoreHead = (
  measureAt: (size: number, text: string) => number,
  words: Pick<StorePosterWords, 'store' | 'address'>,
  headTop: number = STORE_POSTER_LAYOUT.headTop,
): PaintedLine[] => {
  const L = STORE_POSTER_LAYOUT
  const name = wrapLines((t) => measureAt(L.nameSize, t), words.store, TEXT_WIDTH, 2)
  const address = words.address.trim() ? wrapLines((t) => measureAt(L.addressSize, t), words.address, TEXT_WIDTH, 2) : []
  const height = name.length * L.nameLine + (address.length ? L.nameToAddress + address.length * L.addressLine : 0)
  // Each line's box is its line height; the baseline sits about 0.8 of it down.
  let top = headTop + Math.max(0, (L.headBottom - headTop - height) / 2)
  const lines: PaintedLine[] = []
  for (const text of name) {
    lines.push({ text, size: L.nameSize, y: Math.round(top + L.nameLine * 0.78) })
    top += L.nameLine
  }
  top += address.length ? L.nameToAddress : 0
  for (const text of address) {
    lines.push({ text, size: L.addressSize, y: Math.round(top + L.addressLine * 0.75) })
    top += L.addressLine
  }
  return lines
}

/** Paints the poster at the context's origin, in poster units (scale the context first for a larger image). */
export const paintStorePoster = (ctx: PosterContext, words: StorePosterWords, code: CanvasImageSource) => {
  const L = STORE_POSTER_LAYOUT
  const W = STORE_POSTER_WIDTH
  ctx.save()
  ctx.globalAlpha = 1
  ctx.fillStyle = PAPER
  ctx.fillRect(0, 0, W, STORE_POSTER_HEIGHT)
  const measureAt = (size: number, text: string, weight = 400) => {
    ctx.font = `${weight} ${size}px ${FONT}`
    return ctx.measureText(text).width
  }

  // The brand, letter-spaced and centred, over a short gold rule.
  ctx.textBaseline = 'alphabetic'
  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = `700 30px ${FONT}`
  spacedText(ctx, words.brand, (W - spacedWidth(ctx, words.brand, 10)) / 2, L.brandY, 10)
  ctx.fillStyle = GOLD
  ctx.fillRect((W - 64) / 2, L.ruleY, 64, 3)

  ctx.textAlign = 'center'
  // The gift first, on a champagne band: it is what makes a passer-by scan.
  if (words.gift) {
    const size = fitFontSize((s, text) => measureAt(s, text, 700), words.gift, TEXT_WIDTH - 48, [24, 22, 20, 18])
    ctx.font = `700 ${size}px ${FONT}`
    const width = ctx.measureText(words.gift).width + 48
    ctx.fillStyle = '#f3e6cc'
    roundedRect(ctx, (W - width) / 2, L.gift.y, width, L.gift.height, L.gift.height / 2)
    ctx.fill()
    ctx.fillStyle = '#8a5a14'
    ctx.fillText(words.gift, W / 2, L.gift.y + Math.round(L.gift.height * 0.66))
  }
  const headTop = words.gift ? L.headTopUnderGift : L.headTop
  for (const line of layoutStoreHead((size, text) => measureAt(size, text, size === L.nameSize ? 700 : 400), words, headTop)) {
    const isName = line.size === L.nameSize
    ctx.font = `${isName ? 700 : 400} ${line.size}px ${FONT}`
    ctx.fillStyle = isName ? INK : SOFT
    ctx.fillText(line.text, W / 2, line.y)
  }

  // The code on a white panel with a soft edge (no shadow: it would print grey).
  const panelX = (W - L.panel.size) / 2
  ctx.fillStyle = '#e7e2d9'
  roundedRect(ctx, panelX - 1, L.panel.y - 1, L.panel.size + 2, L.panel.size + 2, 25)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  roundedRect(ctx, panelX, L.panel.y, L.panel.size, L.panel.size, 24)
  ctx.fill()
  ctx.drawImage(code, (W - L.code) / 2, L.panel.y + (L.panel.size - L.code) / 2, L.code, L.code)

  ctx.textAlign = 'left'
  ctx.fillStyle = INK
  ctx.font = `700 40px ${FONT}`
  spacedText(ctx, STORE_POSTER_CTA, (W - spacedWidth(ctx, STORE_POSTER_CTA, 8)) / 2, L.ctaY, 8)
  ctx.textAlign = 'center'
  ctx.fillStyle = SOFT
  ctx.font = `400 20px ${FONT}`
  ctx.fillText(STORE_POSTER_SUB, W / 2, L.subY)

  ctx.fillStyle = '#e7e2d9'
  ctx.fillRect(MARGIN, L.hairlineY, TEXT_WIDTH, 1)
  const whoSize = fitFontSize((size, text) => measureAt(size, text, 600), words.who, TEXT_WIDTH, [22, 20, 18, 16])
  ctx.fillStyle = INK
  ctx.font = `600 ${whoSize}px ${FONT}`
  ctx.fillText(words.who, W / 2, L.whoY)
  ctx.restore()
}
