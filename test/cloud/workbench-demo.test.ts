/**
 * The demo's customers are made relative to the day the demo is seeded, so the workbench's lists hold on
 * whatever day it starts: seeded at awkward moments (the last minutes of a month, the first of the next, a
 * leap day), the store manager's 今日与本月 shows the same people, through the real queries.
 */
import { DEMO_CUSTOMER_NAMES as NAMES } from '../../scripts/demo-customers'
import { DEMO_ASSISTANT, DEMO_MANAGER, demoDocuments } from '../../scripts/demo-data'
import { startTestCloud } from './harness'
import { businessTime } from '../../src/domain/time'
import { at } from '../support/clock'

jest.setTimeout(120_000)

const names = (list: { name: string }[]) => list.map((c) => c.name).sort()

describe.each([
  ['the last minutes of a month', at('2027-01-31T23:50:00')],
  ['just after midnight on the 1st', at('2027-03-01T00:05:00')],
  ['a leap day', at('2028-02-29T12:00:00')],
])('seeded at %s', (_when, now) => {
  let h: Awaited<ReturnType<typeof startTestCloud>>
  beforeAll(async () => {
    h = await startTestCloud({ demo: false })
    for (const [collection, docs] of Object.entries(demoDocuments(new Date(now)))) h.cloud.executor.insert(collection, docs)
  })
  afterAll(() => h?.close())

  it('gives the manager this month’s birthdays, the lapsing VIP, both win-back lists and the callback due', async () => {
    const today = await h.ok(DEMO_MANAGER._id, 'staff', 'today', {}, { clock: now })
    expect(names(today.birthdays)).toEqual([NAMES.birthday, NAMES.birthdayOfColleague].sort())
    expect(names(today.lapsing)).toEqual([NAMES.lapsing])
    expect(names(today.drifting)).toEqual([NAMES.drifting])
    expect(names(today.lost)).toEqual([NAMES.lost, NAMES.lostOfColleague].sort())
    expect(names(today.callbacksDue)).toEqual([NAMES.callbackDue])
  })

  it('gives the assistant only her own, and the manager’s figures a callback this month and one last month', async () => {
    const mine = await h.ok(DEMO_ASSISTANT._id, 'staff', 'today', {}, { clock: now })
    expect(names(mine.birthdays)).toEqual([NAMES.birthday])
    expect(names(mine.lost)).toEqual([NAMES.lost])
    const thisMonth = await h.ok(DEMO_MANAGER._id, 'staff', 'callbackStats', {}, { clock: now })
    // Just after midnight on the 1st the month has had no shop hours yet: the demo's calls are all last month's.
    const monthHadShopHours = businessTime(now).date() > 1 || businessTime(now).hour() >= 10
    expect(thisMonth.byAssistant.reduce((sum, a) => sum + a.callbacks, 0)).toBe(monthHadShopHours ? 1 : 0)
    const [y, m] = thisMonth.month.split('-').map(Number)
    const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
    const before = await h.ok(DEMO_MANAGER._id, 'staff', 'callbackStats', { month: lastMonth }, { clock: now })
    expect(before.byAssistant.find((a) => a.staffId === DEMO_ASSISTANT.staffId)).toMatchObject({ callbacks: 1, customers: 1 })
  })
})
