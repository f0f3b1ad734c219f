/**
 * 门店海报 on Taro's H5 runtime: the operator sees every store with its active staff, taps the store's own code
 * or a staff member's, and gets that poster (ops.storeCode with that store and assistant), painted on a canvas
 * and shown as the picture to download. jsdom has no canvas: a recording 2D context stands in and records
 * what the page painted.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { StoreCodeView, StoreDirectoryEntry } from '../../src/api/contract'
import { STORE_POSTER_CTA, STORE_POSTER_HEIGHT, STORE_POSTER_SCALE, STORE_POSTER_WIDTH } from '../../src/ops/posters/storePoster'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { openPage, textOf, visiblePage } from './support/harness'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

const STORES: StoreDirectoryEntry[] = [
  {
    id: 'SH001',
    name: '上海静安嘉里中心店',
    address: '上海市静安区南京西路1515号',
    staff: [
      { staffId: 'A01', name: '王丽', role: 'assistant' },
      { staffId: 'M01', name: '赵敏', role: 'manager' },
    ],
  },
  { id: 'BJ009', name: '北京三里屯店', address: '北京市朝阳区三里屯路19号', staff: [] },
]

const codeFor = ({ storeId, assistantId }: { storeId: string; assistantId: string | null }): StoreCodeView => {
  const store = STORES.find((s) => s.id === storeId)!
  const staff = store.staff.find((p) => p.staffId === assistantId)
  return {
    store: { id: store.id, name: store.name, address: store.address },
    assistant: staff ? { staffId: staff.staffId, name: staff.name } : null,
    scene: `s=${storeId}${staff ? `&a=${staff.staffId}` : ''}`,
    welcomeGift: '新会员礼券（满¥200减¥20）',
    page: 'pages/join/index',
    image: { contentType: 'image/png', base64: `CODE-${storeId}-${assistantId ?? 'store'}` },
  }
}

/** What the page painted on its canvases: each canvas's pixel size, its texts and the images drawn. */
const painted: { size: [number, number]; texts: string[]; images: string[] }[] = []
const POSTER_PNG = 'data:image/png;base64,UE9TVEVS'

beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const record = { size: [this.width, this.height] as [number, number], texts: [] as string[], images: [] as string[] }
    painted.push(record)
    const gradient = { addColorStop: () => undefined }
    const noop = () => undefined
    return {
      font: '10px sans-serif',
      fillText: (text: string) => void record.texts.push(text),
      measureText(this: { font: string }, text: string) {
        return { width: Array.from(text).length * Number(/(\d+)px/.exec(this.font)![1]) }
      },
      drawImage: (image: HTMLImageElement) => void record.images.push(image.src),
      createLinearGradient: () => gradient,
      createRadialGradient: () => gradient,
      ...Object.fromEntries(
        ['fillRect', 'beginPath', 'moveTo', 'arcTo', 'closePath', 'fill', 'save', 'restore', 'scale'].map((name) => [name, noop]),
      ),
    } as unknown as CanvasRenderingContext2D
  })
  jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(POSTER_PNG)
  // jsdom loads no images: the code's image "loads" as soon as its source is set.
  Object.defineProperty(HTMLImageElement.prototype, 'src', {
    configurable: true,
    get(this: HTMLImageElement) {
      return this.getAttribute('src') ?? ''
    },
    set(this: HTMLImageElement, value: string) {
      this.setAttribute('src', value)
      setTimeout(() => this.onload?.(new Event('load')), 0)
    },
  })
})

beforeEach(() => {
  painted.length = 0
})

const openPosters = async (
  answers: { directory?: () => AnswerFor<'ops.storeDirectory'>; code?: (input: never) => AnswerFor<'ops.storeCode'> } = {},
) => {
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.storeDirectory': answers.directory ?? (() => ok({ stores: STORES })),
    'ops.storeCode': (input) =>
      answers.code ? answers.code(input as never) : ok(codeFor(input as { storeId: string; assistantId: string | null })),
  })
  await openPage('/ops/posters/index')
  await screen.findByText('上海静安嘉里中心店')
  return { codeCalls: () => cloud.calls.filter((c) => c.action === 'storeCode').map((c) => c.input) }
}

/** The poster rows of a store's panel: who each is for. */
const rowsOf = (storeName: string) =>
  Array.from(screen.getByText(storeName).closest('.posters-store')!.querySelectorAll('.posters-target'), (row) =>
    Array.from(row.querySelectorAll('.posters-target__title, .posters-target__sub'), (t) => t.textContent).join(' | '),
  )

const posterImage = () => visiblePage().querySelector<HTMLImageElement>('.posters-poster__image img')

describe('门店海报', () => {
  it('lists every store with its address, its own code and each active staff member', async () => {
    await openPosters()
    expect(screen.getByText('上海市静安区南京西路1515号')).toBeTruthy()
    expect(rowsOf('上海静安嘉里中心店')).toEqual(['门店码 | 不指定员工，顾客归属本店', '王丽 | 导购 · 工号 A01', '赵敏 | 店长 · 工号 M01'])
    expect(rowsOf('北京三里屯店')).toEqual(['门店码 | 不指定员工，顾客归属本店'])
    expect(screen.getByText('本店暂无在职员工')).toBeTruthy()
    expect(screen.getByText('全部顾客 ›')).toBeTruthy()
  })

  it("makes an assistant's poster from that store's code for that assistant, and shows it to download", async () => {
    const { codeCalls } = await openPosters()
    fireEvent.click(screen.getByText('王丽'))
    await waitFor(() => expect(posterImage()?.getAttribute('src')).toBe(POSTER_PNG))
    expect(codeCalls()).toEqual([{ storeId: 'SH001', assistantId: 'A01' }])
    // Painted at twice the poster's size, with the store, the assistant and the code the server gave.
    expect(painted).toHaveLength(1)
    expect(painted[0].size).toEqual([STORE_POSTER_WIDTH * STORE_POSTER_SCALE, STORE_POSTER_HEIGHT * STORE_POSTER_SCALE])
    expect(painted[0].texts).toEqual(
      expect.arrayContaining([
        '上海静安嘉里中心店',
        '上海市静安区南京西路1515号',
        '入会即送 新会员礼券（满¥200减¥20）',
        '导购 王丽 · 工号 A01',
      ]),
    )
    expect(painted[0].texts.join('')).toContain(STORE_POSTER_CTA)
    expect(painted[0].images).toEqual(['data:image/png;base64,CODE-SH001-A01'])
    // Under the row that made it, which is marked.
    expect(screen.getByText('王丽').closest('.posters-target--on')).not.toBeNull()
    expect(textOf('.posters-poster__save')).toBe('下载海报')
  })

  it("makes the store's own poster with no assistant, and a manager's as 店长", async () => {
    const { codeCalls } = await openPosters()
    const storeRow = screen.getAllByText('门店码')[1]
    fireEvent.click(storeRow)
    await waitFor(() => expect(posterImage()).not.toBeNull())
    expect(codeCalls()).toEqual([{ storeId: 'BJ009', assistantId: null }])
    expect(painted[0].texts).toEqual(expect.arrayContaining(['北京三里屯店', '门店会员专属码']))
    expect(painted[0].texts.join('')).not.toContain('s=BJ009')

    fireEvent.click(screen.getByText('赵敏'))
    // Painted once the code's image has loaded.
    await waitFor(() => expect(painted[1]?.texts).toContain('店长 赵敏 · 工号 M01'))
    expect(codeCalls()[1]).toEqual({ storeId: 'SH001', assistantId: 'M01' })
  })

  it('downloads the poster as a PNG named for the store and assistant', async () => {
    const clicked: { href: string; download: string }[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download })
    })
    try {
      await openPosters()
      fireEvent.click(screen.getByText('王丽'))
      fireEvent.click(await screen.findByText('下载海报'))
      await screen.findByText('海报已下载')
      expect(clicked).toEqual([{ href: POSTER_PNG, download: '门店海报-SH001-A01.png' }])
    } finally {
      click.mockRestore()
    }
  })

  it("shows the server's refusal under the row, and makes it again on request", async () => {
    let refuse = true
    await openPosters({
      code: (input: { storeId: string; assistantId: string | null }) =>
        refuse ? fail('INVALID_INPUT', '该门店没有这位在职导购') : ok(codeFor(input)),
    })
    fireEvent.click(screen.getByText('王丽'))
    await screen.findByText('该门店没有这位在职导购')
    expect(posterImage()).toBeNull()
    refuse = false
    fireEvent.click(screen.getByText('重新生成'))
    await waitFor(() => expect(posterImage()).not.toBeNull())
  })

  it('is for operators only: a refused directory shows the message and the way to try again', async () => {
    installFakeCloud({ 'ops.whoami': () => ok(OPERATOR), 'ops.storeDirectory': () => fail('FORBIDDEN', '仅限品牌运营使用') })
    await openPage('/ops/posters/index')
    await screen.findByText('仅限品牌运营使用')
    expect(screen.getByText('重新加载')).toBeTruthy()
    expect(screen.queryByText('生成海报 ›')).toBeNull()
  })
})
