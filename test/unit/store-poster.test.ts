/**
 * The printed store poster as painted (src/ops/posters/storePoster, on any Canvas 2D context): what it says for
 * the store's own code and for a staff member's, where each line goes, and that long names and addresses are
 * fitted to the poster's width instead of running off it.
 */
import type { StoreCodeView } from '../../src/api/contract'
import { BRAND_WORDMARK } from '../../src/brand'
import {
  fitFontSize,
  layoutStoreHead,
  paintStorePoster,
  STORE_POSTER_CTA,
  STORE_POSTER_HEIGHT,
  STORE_POSTER_LAYOUT,
  STORE_POSTER_WIDTH,
  storePosterWords,
} from '../../src/ops/posters/storePoster'
import type { PosterContext } from '../../src/services/posterPaint'

/** Every character as wide as the font is tall: enough to test where lines break. */
const measureAt = (size: number, text: string) => Array.from(text).length * size
const sizeOf = (font: string) => Number(/(\d+)px/.exec(font)![1])

interface Text {
  text: string
  x: number
  y: number
  size: number
  align: string
}

/** A Canvas 2D context that records what is painted on it. */
const recordingContext = () => {
  const texts: Text[] = []
  const images: { image: unknown; x: number; y: number; w: number; h: number }[] = []
  const gradient = { addColorStop: () => undefined }
  const ctx = {
    fillStyle: '',
    font: '10px sans-serif',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    fillRect: () => undefined,
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, size: sizeOf(this.font), align: this.textAlign })
    },
    measureText(text: string) {
      return { width: measureAt(sizeOf(this.font), text) }
    },
    createLinearGradient: () => gradient,
    createRadialGradient: () => gradient,
    beginPath: () => undefined,
    moveTo: () => undefined,
    arcTo: () => undefined,
    closePath: () => undefined,
    fill: () => undefined,
    drawImage: (image: unknown, x: number, y: number, w: number, h: number) => void images.push({ image, x, y, w, h }),
    save: () => undefined,
    restore: () => undefined,
    scale: () => undefined,
  }
  return { ctx: ctx as unknown as PosterContext, texts, images }
}

const code = (over: Partial<StoreCodeView> = {}): StoreCodeView => ({
  store: { id: 'SH001', name: '上海静安嘉里中心店', address: '上海市静安区南京西路1515号' },
  assistant: { staffId: 'A01', name: '王丽' },
  scene: 's=SH001&a=A01',
  welcomeGift: '新会员礼券（满¥200减¥20）',
  page: 'pages/join/index',
  image: { contentType: 'image/png', base64: 'iVBORw0KGgo=' },
  ...over,
})

/** Letter-spaced words are painted a character at a time: joined back by line (same baseline). */
const lineAt = (texts: Text[], y: number) =>
  texts
    .filter((t) => t.y === y)
    .map((t) => t.text)
    .join('')

describe('the store poster', () => {
  it("says whose code it is: the assistant's or manager's name and number, or the store's own", () => {
    expect(storePosterWords(code(), 'assistant')).toEqual({
      brand: BRAND_WORDMARK,
      store: '上海静安嘉里中心店',
      address: '上海市静安区南京西路1515号',
      who: '导购 王丽 · 工号 A01',
      gift: '入会即送 新会员礼券（满¥200减¥20）',
    })
    expect(storePosterWords(code({ welcomeGift: null }), 'assistant').gift).toBeNull()
    expect(storePosterWords(code({ assistant: { staffId: 'M01', name: '赵敏' } }), 'manager').who).toBe('店长 赵敏 · 工号 M01')
    expect(storePosterWords(code({ assistant: null, scene: 's=SH001' }), null).who).toBe('门店会员专属码')
  })

  it('paints the brand, the gift, the store and its address, the code on its panel, 扫码加入会员 and whose code', () => {
    const { ctx, texts, images } = recordingContext()
    const image = { kind: 'code image' }
    paintStorePoster(ctx, storePosterWords(code(), 'assistant'), image as unknown as CanvasImageSource)
    const L = STORE_POSTER_LAYOUT
    expect(lineAt(texts, L.brandY)).toBe(BRAND_WORDMARK)
    expect(texts.map((t) => t.text)).toEqual(
      expect.arrayContaining(['上海静安嘉里中心店', '上海市静安区南京西路1515号', '导购 王丽 · 工号 A01']),
    )
    // No internal keys on a poster shoppers read: the scene is not printed.
    expect(texts.map((t) => t.text).join('')).not.toContain('s=SH001')
    expect(lineAt(texts, L.ctaY)).toBe(STORE_POSTER_CTA)
    // The code, centred on its white panel, below the store's lines and above 扫码加入会员.
    const side = L.code
    expect(images).toEqual([{ image, x: (STORE_POSTER_WIDTH - side) / 2, y: L.panel.y + (L.panel.size - side) / 2, w: side, h: side }])
    // The gift leads, right under the brand; then the store.
    const head = texts.filter((t) => t.y > L.ruleY && t.y < L.panel.y)
    expect(head.map((t) => t.text)).toEqual(['入会即送 新会员礼券（满¥200减¥20）', '上海静安嘉里中心店', '上海市静安区南京西路1515号'])
    expect(head[1].y - L.nameLine * 0.78).toBeGreaterThanOrEqual(L.headTopUnderGift)
    // Every line inside the poster, none off its edges.
    for (const t of texts) {
      expect(t.y).toBeLessThan(STORE_POSTER_HEIGHT - 12)
      const width = measureAt(t.size, t.text)
      const left = t.align === 'center' ? t.x - width / 2 : t.x
      expect(left).toBeGreaterThanOrEqual(0)
      expect(left + width).toBeLessThanOrEqual(STORE_POSTER_WIDTH)
    }
  })

  it('centres a one-line name and address in the band above the code, lines one under the other', () => {
    const lines = layoutStoreHead(measureAt, { store: '上海静安嘉里中心店', address: '上海市静安区南京西路1515号' })
    expect(lines.map((l) => [l.text, l.size])).toEqual([
      ['上海静安嘉里中心店', STORE_POSTER_LAYOUT.nameSize],
      ['上海市静安区南京西路1515号', STORE_POSTER_LAYOUT.addressSize],
    ])
    const { headTop, headBottom } = STORE_POSTER_LAYOUT
    const [name, address] = lines
    expect(address.y - name.y).toBeGreaterThanOrEqual(STORE_POSTER_LAYOUT.addressLine)
    // As much room above the name as below the address (within a line's rounding).
    const above = name.y - STORE_POSTER_LAYOUT.nameLine * 0.78 - headTop
    const below = headBottom - (address.y + STORE_POSTER_LAYOUT.addressLine * 0.25)
    expect(Math.abs(above - below)).toBeLessThanOrEqual(2)
  })

  it('breaks a long name and address onto two lines each, the address ending in … past that, all above the code', () => {
    const store = '上海静安嘉里中心旗舰店（南京西路二层）'
    const address = '上海市静安区南京西路1515号嘉里中心南区商场二层L2-15至L2-18号铺位，近延安中路铜仁路口，地铁2号线静安寺站'
    const lines = layoutStoreHead(measureAt, { store, address })
    const names = lines.filter((l) => l.size === STORE_POSTER_LAYOUT.nameSize)
    const addresses = lines.filter((l) => l.size === STORE_POSTER_LAYOUT.addressSize)
    expect(names).toHaveLength(2)
    expect(names.map((l) => l.text).join('')).toBe(store)
    expect(addresses).toHaveLength(2)
    expect(addresses[1].text.endsWith('…')).toBe(true)
    const textWidth = STORE_POSTER_WIDTH - 2 * 56
    for (const line of lines) expect(measureAt(line.size, line.text)).toBeLessThanOrEqual(textWidth)
    // Lines in order, none overlapping the next, the last clear of the code's panel.
    for (let i = 1; i < lines.length; i++) expect(lines[i].y - lines[i - 1].y).toBeGreaterThanOrEqual(lines[i].size)
    expect(lines[lines.length - 1].y).toBeLessThan(STORE_POSTER_LAYOUT.panel.y - 8)
  })

  it('paints no address line for a store without one', () => {
    expect(layoutStoreHead(measureAt, { store: '北京三里屯店', address: ' ' }).map((l) => l.text)).toEqual(['北京三里屯店'])
  })

  it('sets a long staff line smaller until it fits on one line', () => {
    expect(fitFontSize(measureAt, '导购 王丽 · 工号 A01', 488, [22, 20, 18, 16])).toBe(22)
    const long = '导购 欧阳娜娜娜娜娜娜娜娜娜娜 · 工号 A0123'
    const size = fitFontSize(measureAt, long, 488, [22, 20, 18, 16])
    expect(size).toBeLessThan(22)
    expect(measureAt(size, long)).toBeLessThanOrEqual(488)
    const { ctx, texts } = recordingContext()
    paintStorePoster(ctx, { ...storePosterWords(code(), 'assistant'), who: long }, {} as CanvasImageSource)
    expect(texts.find((t) => t.text === long)).toMatchObject({ size, y: STORE_POSTER_LAYOUT.whoY })
  })
})
