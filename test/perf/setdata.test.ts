/**
 * setData payloads of the compiled weapp (dist/, `npm run build:weapp`; the bundled functions too): Taro's own
 * runtime and each page's bundle, in Node with the WeChat globals of ../support/weapp/runtime.ts, against the local cloud
 * seeded with the demo data and a heavy shopper (100 purchases, so 100+ ledger entries; 55 coupons). Every main
 * package page and the staff, operator and privacy pages are opened (load, show, ready) as their user; each must
 * render (its setData carries text the page shows with that data) and no setData may exceed 256 KB, WeChat's
 * advised limit. The largest payload of each page goes to test-results/setdata-payloads.json, which
 * `npm run bench` prints. Sizes are asserted against the limit only; nothing here times anything.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { SETDATA_REPORT } from '../../bench/setdata'
import { startDemoCloud, type DemoCloud } from '../support/demoCloud'
import { loadWeapp, textOf, type PageRun } from '../support/weapp/runtime'
import { HEAVY_SHOPPER, makeHeavyShopper, pageVisits, SHOPPER, type Fixture } from '../support/weapp/visits'

const ROOT = resolve(__dirname, '../..')
const DIST = join(ROOT, 'dist')
const SETDATA_LIMIT_BYTES = 256 * 1024

let demo: DemoCloud
let weapp: ReturnType<typeof loadWeapp>
const runs: PageRun[] = []
let fixture: Fixture

beforeAll(async () => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
  demo = await startDemoCloud('vipcard-setdata-', { dbLatencyMs: 0 })
  fixture = await makeHeavyShopper(demo.cloud)
  weapp = loadWeapp(DIST, (name, data, openid) => demo.cloud.invoke(name, data, { openid }))
}, 180_000)

afterAll(async () => {
  weapp?.close()
  if (runs.length) {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true })
    const pages = Object.fromEntries(
      runs.map((r) => [r.route, { maxBytes: r.maxBytes, totalBytes: r.totalBytes, setDataCalls: r.payloads.length }]),
    )
    writeFileSync(SETDATA_REPORT, JSON.stringify({ limitBytes: SETDATA_LIMIT_BYTES, data: HEAVY_SHOPPER, pages }, null, 2))
  }
  await demo?.close()
})

/**
 * Texts each page must have sent with this data ([route, texts]). Every page of app.json is opened (a page not
 * listed here too, as the user its package serves) and must send some text within the limit.
 */
const EXPECTED_TEXTS: Record<string, string[]> = {
  'pages/card/index': ['李娜', '2026 1123 002', '会员码'],
  'pages/join/index': ['立即加入'],
  'pages/points/index': ['订单 PERF-99'],
  'pages/coupons/index': ['新会员礼券', '新季预览 85折'],
  'pages/coupon/index': ['有效期'],
  'pages/catalog/index': ['品牌帆布袋'],
  'pages/campaigns/index': ['会员专享券'],
  'pages/events/index': ['秋冬新品品鉴会'],
  'pages/tickets/index': ['秋冬新品品鉴会'],
  'pages/invite/index': ['我的邀请码'],
  'privacy/index/index': ['导出我的数据'],
  'staff/index/index': ['录入消费'],
  'staff/purchase/index': ['会员码'],
  'staff/refund/index': ['订单号'],
  'staff/redeem/index': ['会员码'],
  'staff/gift/index': ['券码'],
  'staff/birthday/index': ['查询会员'],
  'staff/events/index': ['秋冬新品品鉴会'],
  'staff/door/index': ['秋冬新品品鉴会'],
  'staff/customers/index': ['李娜'],
  'staff/customer/index': ['李娜', '2026 1123 002'],
  'staff/today/index': ['生日'],
  'staff/callbacks/index': ['回访'],
  'staff/invite/index': ['接受邀请'],
  'ops/member/index': ['会员积分审计'],
  'ops/campaigns/index': ['会员专享第55期'],
  'ops/events/index': ['秋冬新品品鉴会'],
  'ops/referrals/index': ['没有待审核的邀请'],
  'ops/export/index': ['导出积分流水'],
  'ops/program/index': ['当前规则 · 第 1 版'],
  'ops/segments/index': ['忠实户'],
  'ops/dashboard/index': ['会员销售额'],
  'ops/customers/index': ['全部门店'],
  'ops/customer/index': ['李娜', '2026 1123 002'],
}

const VISITS = pageVisits(DIST)

describe('setData payloads of the compiled weapp pages, with a heavy shopper', () => {
  it('knows texts only of pages app.json has', () => {
    expect(Object.keys(EXPECTED_TEXTS).filter((route) => !VISITS.some((v) => v.route === route))).toEqual([])
  })

  it.each(VISITS.map((v) => [v.route, v] as const))('%s renders within 256 KB per setData', async (route, visit) => {
    const texts = EXPECTED_TEXTS[route] ?? []
    const run = await weapp.openPage(route, visit.query(fixture), visit.caller)
    runs.push(run)
    if (process.env.SETDATA_DEBUG)
      console.log(route, run.payloads.length, run.maxBytes, run.cloudCalls, run.text.replace(/\s+/g, ' ').slice(0, 400))
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
