/**
 * setData payloads of the compiled weapp (dist/, `npm run build:weapp`; the bundled functions too): Taro's own
 * runtime and each page's bundle, in Node with the WeChat globals of ./support/weapp.ts, against the local cloud
 * seeded with the demo data and a heavy shopper (100 purchases, so 100+ ledger entries; 55 coupons). Every main
 * package page and the staff, operator and privacy pages are opened (load, show, ready) as their user; each must
 * render (its setData carries text the page shows with that data) and no setData may exceed 256 KB, WeChat's
 * advised limit. The largest payload of each page goes to test-results/setdata-payloads.json, which
 * `npm run bench` prints. Sizes are asserted against the limit only; nothing here times anything.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../../localcloud'
import { functionsOutDir } from '../../scripts/build-functions'
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR, demoDocuments } from '../../scripts/demo-data'
import { SETDATA_REPORT } from '../../bench/setdata'
import { TillCodes } from '../../bench/tillCodes'
import { loadWeapp, textOf, type PageRun } from './support/weapp'

const ROOT = resolve(__dirname, '../..')
const DIST = join(ROOT, 'dist')
const SETDATA_LIMIT_BYTES = 256 * 1024

const SHOPPER = 'demo-shopper-b'
const SHOPPER_NO = '20261123002'
const PURCHASES = 100
const COUPONS = 55

let cloud: LocalCloud
let dataDir: string
let weapp: ReturnType<typeof loadWeapp>
const runs: PageRun[] = []

const call = async (openid: string, fn: string, action: string, input: unknown, clock?: string) => {
  const answer = (await cloud.invoke(fn, { action, input }, { openid, clock })) as { ok: boolean; data?: unknown; error?: { code: string; message: string } }
  if (!answer.ok) throw new Error(`${fn}.${action}: ${answer.error?.code} ${answer.error?.message}`)
  return answer.data as Record<string, unknown>
}

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

/** The heavy shopper: real purchases at the till (dynamic codes) and coupons issued by real campaigns. */
const makeHeavyShopper = async () => {
  const codes = new TillCodes()
  codes.remember((await call(SHOPPER, 'member', 'codeSecret', {})) as { memberNo: string; secret: string })
  for (let i = 0; i < PURCHASES; i++) {
    const { code, clock } = codes.next(SHOPPER_NO)
    await call(DEMO_ASSISTANT._id, 'staff', 'recordPurchase', { memberCode: code, amountFen: 8_800 + ((i * 7_919) % 60_000), orderNo: `PERF-${i}` }, clock)
  }
  const templates = ['welcome-20off200', 'points-50off500', 'gift-tote', 'vip-preview-15off']
  for (let i = 0; i < COUPONS; i++) {
    await call(DEMO_OPERATOR._id, 'ops', 'createCampaign', {
      title: `会员专享第${i + 1}期`,
      templateId: templates[i % templates.length],
      mode: 'issue',
      audience: { kind: 'list', memberCodes: [SHOPPER_NO] },
      opensAt: new Date().toISOString(),
      vipEarlyDays: 0,
      endsAt: isoIn(30),
      requestId: `perf-campaign-${i}`,
    })
  }
  const event = await call(DEMO_OPERATOR._id, 'event', 'create', {
    title: '秋冬新品品鉴会', description: '设计师讲解新季面料与搭配', coverUrl: '', storeId: 'SH001',
    startsAt: isoIn(12), endsAt: isoIn(12.1), capacity: 30, tiers: ['member', 'vip', 'gold'],
    rsvpDeadline: isoIn(11), cancelDeadline: isoIn(11), attendancePoints: 50, maxGuests: 1, requestId: 'perf-event-1',
  })
  const eventId = (event.event as { id: string }).id
  await call(SHOPPER, 'event', 'rsvp', { eventId, guests: 0 })
  return { eventId }
}

let fixture: { eventId: string; couponId: string }

beforeAll(async () => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
  dataDir = mkdtempSync(join(tmpdir(), 'vipcard-setdata-'))
  cloud = await startLocalCloud({ dataDir, functionsDir: functionsOutDir, port: 0, logs: false })
  for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
  const { eventId } = await makeHeavyShopper()
  const coupon = cloud.executor.find('coupons', { openid: SHOPPER }, { limit: 1 })[0] ?? cloud.executor.find('coupons', {}, { limit: 1 })[0]
  fixture = { eventId, couponId: String(coupon?._id ?? '') }
  weapp = loadWeapp(DIST, (name, data, openid) => cloud.invoke(name, data, { openid }))
}, 180_000)

afterAll(async () => {
  if (runs.length) {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true })
    const pages = Object.fromEntries(runs.map((r) => [r.route, { maxBytes: r.maxBytes, totalBytes: r.totalBytes, setDataCalls: r.payloads.length }]))
    writeFileSync(SETDATA_REPORT, JSON.stringify({ limitBytes: SETDATA_LIMIT_BYTES, data: { purchases: PURCHASES, coupons: COUPONS }, pages }, null, 2))
  }
  await cloud?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

/**
 * [route, caller, query, texts the page must have sent with this data]. A page of app.json not listed here (a
 * new one) is still opened, as the user its package serves, and must send some text within the limit.
 */
const KNOWN_PAGES: [string, string, () => Record<string, string>, string[]][] = [
  ['pages/card/index', SHOPPER, () => ({}), ['李娜', '2026 1123 002', '会员码']],
  ['pages/join/index', 'perf-newcomer', () => ({}), ['立即加入']],
  ['pages/points/index', SHOPPER, () => ({}), ['订单 PERF-99']],
  ['pages/coupons/index', SHOPPER, () => ({}), ['新会员礼券', '新季预览 85折']],
  ['pages/coupon/index', SHOPPER, () => ({ id: encodeURIComponent(fixture.couponId) }), ['有效期']],
  ['pages/catalog/index', SHOPPER, () => ({}), ['品牌帆布袋']],
  ['pages/campaigns/index', SHOPPER, () => ({}), ['领券中心']],
  ['pages/events/index', SHOPPER, () => ({}), ['秋冬新品品鉴会']],
  ['pages/tickets/index', SHOPPER, () => ({}), ['秋冬新品品鉴会']],
  ['pages/invite/index', SHOPPER, () => ({}), ['我的邀请码']],
  ['privacy/index/index', SHOPPER, () => ({}), ['导出我的数据']],
  ['staff/index/index', DEMO_ASSISTANT._id, () => ({}), ['录入消费']],
  ['staff/purchase/index', DEMO_ASSISTANT._id, () => ({}), ['会员码']],
  ['staff/refund/index', DEMO_ASSISTANT._id, () => ({}), ['订单号']],
  ['staff/redeem/index', DEMO_ASSISTANT._id, () => ({}), ['会员码']],
  ['staff/gift/index', DEMO_ASSISTANT._id, () => ({}), ['券码']],
  ['staff/birthday/index', DEMO_ASSISTANT._id, () => ({}), ['查询会员']],
  ['staff/events/index', DEMO_ASSISTANT._id, () => ({}), ['秋冬新品品鉴会']],
  ['staff/door/index', DEMO_ASSISTANT._id, () => ({ id: fixture.eventId }), ['秋冬新品品鉴会']],
  ['staff/customers/index', DEMO_MANAGER._id, () => ({}), ['李娜']],
  ['staff/customer/index', DEMO_ASSISTANT._id, () => ({ no: SHOPPER_NO }), ['李娜', '2026 1123 002']],
  ['staff/today/index', DEMO_MANAGER._id, () => ({}), ['生日']],
  ['staff/callbacks/index', DEMO_MANAGER._id, () => ({}), ['回访']],
  ['ops/member/index', DEMO_OPERATOR._id, () => ({}), ['会员积分审计']],
  ['ops/campaigns/index', DEMO_OPERATOR._id, () => ({}), ['会员专享第55期']],
  ['ops/events/index', DEMO_OPERATOR._id, () => ({}), ['秋冬新品品鉴会']],
  ['ops/referrals/index', DEMO_OPERATOR._id, () => ({}), ['没有待审核的邀请']],
  ['ops/export/index', DEMO_OPERATOR._id, () => ({}), ['导出积分流水']],
  ['ops/program/index', DEMO_OPERATOR._id, () => ({}), ['当前规则 · 第 1 版']],
  ['ops/segments/index', DEMO_OPERATOR._id, () => ({}), ['忠实户']],
  ['ops/dashboard/index', DEMO_OPERATOR._id, () => ({}), ['会员销售额']],
  ['ops/customers/index', DEMO_OPERATOR._id, () => ({}), ['全部门店']],
  ['ops/customer/index', DEMO_OPERATOR._id, () => ({ no: SHOPPER_NO }), ['李娜', '2026 1123 002']],
]

const callerFor = (route: string) =>
  route.startsWith('staff/') ? DEMO_ASSISTANT._id : route.startsWith('ops/') ? DEMO_OPERATOR._id : SHOPPER

// Not built: beforeAll says so; the known pages stand in for the table meanwhile.
const app = existsSync(join(DIST, 'app.json'))
  ? (JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] })
  : { pages: KNOWN_PAGES.map(([route]) => route) }
const ALL_ROUTES = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
const PAGES = ALL_ROUTES.map((route) => KNOWN_PAGES.find(([known]) => known === route) ?? ([route, callerFor(route), () => ({}), []] as (typeof KNOWN_PAGES)[number]))

describe('setData payloads of the compiled weapp pages, with a heavy shopper', () => {
  it('covers the pages the tests know with their data, and opens every other page of app.json too', () => {
    expect(KNOWN_PAGES.map(([route]) => route).filter((route) => !ALL_ROUTES.includes(route))).toEqual([])
  })

  it.each(PAGES)('%s renders within 256 KB per setData', async (route, caller, query, texts) => {
    const run = await weapp.openPage(route, query(), caller)
    runs.push(run)
    if (process.env.SETDATA_DEBUG) console.log(route, run.payloads.length, run.maxBytes, run.cloudCalls, run.text.replace(/\s+/g, ' ').slice(0, 400))
    expect(run.payloads.length).toBeGreaterThan(0)
    expect({ route, rendersText: run.text.trim().length > 0 }).toEqual({ route, rendersText: true })
    for (const text of texts) expect({ route, has: text, shown: run.text.includes(text) }).toEqual({ route, has: text, shown: true })
    expect(run.maxBytes).toBeLessThanOrEqual(SETDATA_LIMIT_BYTES)
  })

  it('draws the card the phone kept before the cloud answers, when the card is opened again', async () => {
    const again = await weapp.openPage('pages/card/index', {}, SHOPPER)
    const beforeAnyAnswer = textOf(again.payloads.filter((p) => p.answeredBefore === 0))
    expect(beforeAnyAnswer).toContain('李娜')
    expect(beforeAnyAnswer).toContain('2026 1123 002')
    expect(beforeAnyAnswer).not.toContain('正在打开会员卡')
  })
})
