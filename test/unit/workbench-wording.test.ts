/** The staff workbench in words: days counted in business days, the lapse and birthday lines, tags, months. */
import {
  birthdayLine,
  customerLine,
  daysSince,
  dueText,
  lapsingText,
  monthText,
  notSeenText,
  parseTags,
  profileRows,
  shiftMonth,
} from '../../src/wording/workbench'
import { at } from '../support/clock'

describe('the workbench in words', () => {
  it('counts days by the Shanghai calendar: late last night to early this morning is one day', () => {
    // 23:50 and 00:10 in Shanghai are the same UTC day (15:50 and 16:10 UTC).
    expect(daysSince(at('2026-11-22T23:50:00'), at('2026-11-23T00:10:00'))).toBe(1)
    expect(daysSince(at('2026-11-23T00:10:00'), at('2026-11-23T23:50:00'))).toBe(0)
    expect(notSeenText({ lastSeenAt: at('2026-08-15T15:20:00') }, at('2026-11-23T09:00:00'))).toBe('上次到店 2026-08-15 · 100 天未到店')
  })

  it('says how long a VIP has left, down to the last covered day', () => {
    // Exclusive end at midnight of the 14th: valid through the 13th.
    const vipUntil = at('2026-12-14T00:00:00')
    expect(lapsingText({ vipUntil }, at('2026-11-23T14:00:00'))).toBe('VIP有效期至 2026-12-13 · 还剩 20 天')
    expect(lapsingText({ vipUntil }, at('2026-12-13T22:00:00'))).toBe('VIP有效期至 2026-12-13 · 今天到期')
  })

  it('marks today’s birthday and the ones already past this month', () => {
    const now = at('2026-11-23T10:00:00')
    expect(birthdayLine({ birthday: { month: 11, day: 23 } }, now)).toBe('生日 11月23日 · 今天生日')
    expect(birthdayLine({ birthday: { month: 11, day: 5 } }, now)).toBe('生日 11月5日 · 本月已过')
    expect(birthdayLine({ birthday: { month: 11, day: 30 } }, now)).toBe('生日 11月30日')
  })

  it('says when a callback was due', () => {
    const now = at('2026-11-23T10:00:00')
    expect(dueText({ nextCallbackAt: at('2026-11-23T09:00:00') }, now)).toBe('今天应回访')
    expect(dueText({ nextCallbackAt: at('2026-11-23T18:00:00') }, now)).toBe('今天应回访')
    expect(dueText({ nextCallbackAt: at('2026-11-20T09:00:00') }, now)).toBe('应于 11月20日 回访 · 已过 3 天')
  })

  it('reads the last purchase and spend in yuan, or that there was none', () => {
    expect(customerLine({ lastPurchaseAt: at('2026-11-03T15:20:00'), lifetimeSpendFen: 560_050 })).toBe(
      '上次消费 2026-11-03 · 累计 ¥5,600.50',
    )
    expect(customerLine({ lastPurchaseAt: null, lifetimeSpendFen: 0 })).toBe('尚未消费 · 累计 ¥0')
  })

  it('splits what staff type into a list at 、，, ; and spaces', () => {
    expect(parseTags(' 驼色、米白，雾蓝,黑 ;  酒红；墨绿 ')).toEqual(['驼色', '米白', '雾蓝', '黑', '酒红', '墨绿'])
    expect(parseTags('  ')).toEqual([])
  })

  it('shows only the card rows on file, children’s sizes included', () => {
    expect(profileRows({ shoeSize: '37', colours: [], children: [{ name: '老大', size: '120' }], notes: '' })).toEqual([
      { label: '鞋码', value: '37' },
      { label: '童装尺码', value: '老大 120' },
    ])
  })

  it('shows the delivery address with its phone as the server masked it', () => {
    expect(
      profileRows({ deliveryAddress: { recipient: '林晓', phoneMasked: '138****5678', address: '上海市静安区南京西路1515号' } }),
    ).toEqual([{ label: '收货地址', value: '林晓 138****5678 上海市静安区南京西路1515号' }])
    expect(profileRows({ deliveryAddress: null })).toEqual([])
  })

  it('names and steps months across the year', () => {
    expect(monthText('2026-01')).toBe('2026年1月')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2025-12', 1)).toBe('2026-01')
    expect(shiftMonth('2026-11', -13)).toBe('2025-10')
  })
})
