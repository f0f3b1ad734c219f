/**
 * 全部顾客 on Taro's H5 runtime: the operator's view of every store's customers (or one store's) — the store
 * picker's choice sent to the server with each list, search and page, each row naming the store and the
 * assistant, 今日与本月 for the chosen scope — and a customer's record that only reads: no editing, no
 * callback logging, no reassignment (the store looks after its customers).
 */
import { screen, waitFor } from '@testing-library/dom'
import type { CallbackEntry, CustomerView, StoreView } from '../../src/api/contract'
import { setPhoneClock } from './support/clock'
import { installFakeCloud, ok } from './support/fakeCloud'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { errorOf, pick, row, tap, typeInto } from './support/interact'
import { customer, day, todayView, WU_QIAN, ZHANG_MIN } from './support/workbench'

// The phone's clock is months off: "days ago" and the date line come from the server's clock.
beforeAll(() => setPhoneClock('2027-03-02T02:00:00.000Z'))
// Fifty rows at a time take a while on a busy machine.
jest.setTimeout(20_000)

const OPERATOR = { operatorId: 'OP01', name: '陈静' }
const SHANGHAI: StoreView = { id: 'SH001', name: '上海静安嘉里中心店' }
const BEIJING: StoreView = { id: 'BJ001', name: '北京三里屯店' }

const FENG: CustomerView = customer({
  memberNo: '20261124008',
  name: '冯晓雯',
  store: BEIJING,
  assistant: { staffId: 'B01', name: '周敏' },
  lastPurchaseAt: day('2026-11-12'),
  lastSeenAt: day('2026-11-12'),
  lifetimeSpendFen: 129_900,
  purchaseCount: 3,
  customerClass: 'B',
  profile: { clothingSize: 'M', colours: ['驼色'], notes: '喜欢羊绒' },
})
const UNASSIGNED: CustomerView = customer({ memberNo: '20261124016', name: '韩梅', store: BEIJING, assistant: null })

const CALLBACKS: CallbackEntry[] = [
  {
    at: day('2026-11-20', '16:20:00'),
    staffName: '周敏',
    outcome: 'reached',
    note: '想看新到的大衣',
    nextAt: day('2026-12-20', '09:00:00'),
  },
]

type Scoped = { storeId?: string; search?: string; offset?: number }

/** The server as the operator's functions answer: every store's customers, filtered by the store asked for. */
const openCustomers = async (options: { many?: boolean } = {}) => {
  const everyone = [ZHANG_MIN, FENG, UNASSIGNED]
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.stores': () => ok({ stores: [SHANGHAI, BEIJING] }),
    'ops.customers': (raw) => {
      const { storeId, search, offset = 0 } = raw as Scoped
      const inScope = everyone.filter((c) => !storeId || c.store?.id === storeId).filter((c) => !search || c.name.startsWith(search))
      // One store's unsearched list runs to a second page.
      if (options.many && storeId === 'BJ001' && !search && offset === 0) {
        const filler = Array.from({ length: 50 - inScope.length }, (_, i) =>
          customer({ memberNo: String(20270000000 + i), name: `顾客${i}`, store: BEIJING }),
        )
        return ok({ customers: [...inScope, ...filler], more: true })
      }
      return ok({
        customers: offset === 0 ? inScope : [customer({ memberNo: '20279999999', name: '最后一位', store: BEIJING })],
        more: false,
      })
    },
    'ops.today': (raw) => {
      const { storeId } = raw as Scoped
      const birthdays = [ZHANG_MIN, FENG].filter((c) => !storeId || c.store?.id === storeId)
      return ok(todayView({ birthdays, lapsing: [], drifting: [], lost: [], callbacksDue: storeId === 'BJ001' ? [] : [WU_QIAN] }))
    },
    'ops.customer': () => ok({ customer: FENG, callbacks: CALLBACKS }),
  })
  await openPage('/ops/customers/index')
  await screen.findByText('冯晓雯')
  const asked = (action: string) => cloud.calls.filter((c) => c.action === action).map((c) => c.input as Scoped)
  return { calls: cloud.calls, asked }
}

const texts = (selector: string) => Array.from(visiblePage().querySelectorAll(selector), (e) => e.textContent)
const rowOf = (name: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.customer-row')).find(
    (r) => r.querySelector('.customer-row__name')?.textContent === name,
  )!
const linesOf = (name: string) => Array.from(rowOf(name).querySelectorAll('.customer-row__line'), (l) => l.textContent)
const storeShown = () => row('门店').querySelector('.ops-customers__store')?.textContent
const tab = (words: string) => tap(words)
const last = <T,>(list: T[]): T | undefined => list[list.length - 1]

describe('全部顾客: the list', () => {
  it('lists every store’s customers, each row naming the store and who looks after them', async () => {
    const { asked } = await openCustomers()
    expect(storeShown()).toBe('全部门店')
    expect(textOf('.customer-list__step')).toBe('全部门店 · 最近到店在前')
    expect(texts('.customer-row__name')).toEqual(['张敏', '冯晓雯', '韩梅'])
    expect(linesOf('冯晓雯')).toEqual(['上次消费 2026-11-12 · 累计 ¥1,299', '北京三里屯店 · 负责导购 周敏'])
    expect(linesOf('张敏')[1]).toBe('上海静安嘉里中心店 · 负责导购 王丽')
    expect(linesOf('韩梅')[1]).toBe('北京三里屯店 · 负责导购 未分配')
    // Every store: no store is named to the server.
    expect(asked('customers')).toEqual([{ offset: 0 }])
  })

  it('sends the store picked to the server, with the search and each further page', async () => {
    const { asked } = await openCustomers({ many: true })
    pick('门店', 2)
    await waitFor(() => expect(storeShown()).toBe('北京三里屯店'))
    await waitFor(() => expect(rowOf('张敏')).toBeUndefined())
    expect(textOf('.customer-list__step')).toBe('北京三里屯店 · 最近到店在前')
    expect(last(asked('customers'))).toEqual({ storeId: 'BJ001', offset: 0 })

    tap('加载更多')
    await screen.findByText('最后一位')
    expect(last(asked('customers'))).toEqual({ storeId: 'BJ001', offset: 50 })

    await typeInto('搜索顾客', '12')
    tap('搜索')
    await waitFor(() => expect(errorOf('搜索顾客')).toBe('手机尾号请输入 4 位'))
    // More digits than a masked phone shows would rebuild it a digit at a time: refused before asking.
    await typeInto('搜索顾客', '冯12345')
    tap('搜索')
    await waitFor(() => expect(errorOf('搜索顾客')).toBe('手机号只能按后 4 位搜索'))
    await typeInto('搜索顾客', '冯')
    tap('搜索')
    await waitFor(() => expect(textOf('.customer-list__step')).toBe('搜索「冯」'))
    expect(last(asked('customers'))).toEqual({ storeId: 'BJ001', search: '冯', offset: 0 })

    // Back to every store: the search stays, the store is no longer named.
    pick('门店', 0)
    await waitFor(() => expect(storeShown()).toBe('全部门店'))
    await waitFor(() => expect(last(asked('customers'))).toEqual({ search: '冯', offset: 0 }))
  })

  it('shows 今日与本月 for the store chosen, by the server’s day', async () => {
    const { asked } = await openCustomers()
    tab('今日与本月')
    await screen.findByText('本月生日')
    expect(textOf('.ops-customers__date')).toBe('11月23日 · 全部门店')
    expect(asked('today')).toEqual([{}])
    expect(texts('.wb-section__title')).toEqual(['本月生日', '即将到期VIP', '90天未到店', '180天未到店', '待回访'])
    expect(textOf('.today-section--birthdays .wb-section__count')).toBe('2')
    expect(linesOf('冯晓雯')).toEqual(['生日 11月27日', '北京三里屯店 · 负责导购 周敏'])
    // The search box belongs to the list.
    expect(() => row('搜索顾客')).toThrow()

    pick('门店', 2)
    await waitFor(() => expect(textOf('.today-section--birthdays .wb-section__count')).toBe('1'))
    expect(textOf('.ops-customers__date')).toBe('11月23日 · 北京三里屯店')
    expect(last(asked('today'))).toEqual({ storeId: 'BJ001' })
    expect(textOf('.today-section--callbacksDue .wb-section__empty')).toBe('今天没有待回访的顾客')
  })
})

describe('全部顾客: a customer’s record', () => {
  it('opens from a row and only reads: the facts with the store, the card on file, the callbacks', async () => {
    const { calls } = await openCustomers()
    tap('冯晓雯')
    await waitFor(() => expect(currentRoute()).toBe('/ops/customer/index'))
    await screen.findByText('顾客资料卡')
    expect(calls.filter((c) => c.action === 'customer').map((c) => c.input)).toEqual([{ code: '20261124008' }])

    const facts = Object.fromEntries(
      Array.from(visiblePage().querySelectorAll('.customer-summary__facts .facts__row'), (r) => [
        r.querySelector('.facts__label')!.textContent,
        r.querySelector('.facts__value')!.textContent,
      ]),
    )
    expect(facts).toMatchObject({
      累计消费: '¥1,299',
      消费次数: '3 次',
      上次消费: '2026-11-12',
      所属门店: '北京三里屯店',
      负责导购: '周敏',
    })
    expect(texts('.profile-row__value')).toEqual(['M', '驼色', '喜欢羊绒'])
    expect(textOf('.callback-entry__head')).toBe('2026-11-20 16:20 · 周敏 · 已沟通')
    expect(textOf('.callback-entry__note')).toBe('想看新到的大衣')
    expect(textOf('.ops-record__note')).toBe('只读：顾客资料卡和回访由所属门店维护')

    // Nothing to change here: no edit, no callback form, no reassignment, no inputs or buttons at all.
    for (const control of ['编辑', '记录回访', '保存回访', '更换导购', '保存资料']) expect(screen.queryByText(control)).toBeNull()
    expect(
      visiblePage().querySelectorAll('input, textarea, taro-input-core, taro-textarea-core, taro-button-core, taro-picker-core'),
    ).toHaveLength(0)
    // Read with the operator's functions only, never the staff's.
    expect(calls.filter((c) => c.functionName !== 'ops')).toEqual([])
  })

  it('says so when the card on file is empty and there are no callbacks', async () => {
    installFakeCloud({
      'ops.whoami': () => ok(OPERATOR),
      'ops.customer': () => ok({ customer: { ...UNASSIGNED, profile: {} }, callbacks: [] }),
    })
    await openPage(`/ops/customer/index?no=${UNASSIGNED.memberNo}`)
    await screen.findByText('门店还没有填写尺码和喜好')
    expect(screen.getByText('还没有回访记录')).toBeTruthy()
    expect(screen.queryByText(/点「编辑」/)).toBeNull()
  })
})
