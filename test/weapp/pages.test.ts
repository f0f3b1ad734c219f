/**
 * Every page of app.json drawn as WeChat draws it, beside its H5 twin. The compiled weapp (dist/) runs on Taro's
 * runtime in Node against the local cloud (demo data plus the heavy shopper, test/support/weapp/visits.ts), as
 * the person the page serves; the page is drawn from wcc's templates with the data its setData calls left, then
 * shown with wcsc's styles in headless Chromium at 375 px. The H5 build of the same page, as the same person, on
 * the same cloud, is opened in the same browser. For each page:
 * - nothing dropped: every node Taro sent (page data) is drawn — none lost to template depth, an unknown
 *   component or a template WeChat lacks;
 * - text parity: every line of text the H5 page shows is in the weapp drawing, save the platform's own lines
 *   listed in PLATFORM_ONLY with their reason;
 * - one glossary: no misnomer (余额 for points ...) on any page, no English word on a shopper's (src/wording/glossary);
 * - pictures: test-results/weapp-<page>.png and its twin h5-<page>.png.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { LocalCloud } from '../../localcloud'
import { compileStyles, type StyleCompilation } from '../../scripts/weapp/compile'
import { launchPhone, type PhoneBrowser } from '../e2e/support/browser'
import { undrawn } from '../support/weapp/dropped'
import { startDemoCloud, type DemoCloud } from '../support/demoCloud'
import { weappPhone, type WeappPhone } from '../support/weapp/phone'
import { h5Text, identityFromCookie, openAs, openSettled, showDrawing, shootH5 } from '../support/weapp/screen'
import { makeHeavyShopper, pageName, pageVisits, type Fixture } from '../support/weapp/visits'
import { missingFromWeapp } from '../support/weapp/parity'
import { glossaryProblems } from '../../src/wording/glossary'

const ROOT = resolve(__dirname, '../..')
const DIST = join(ROOT, 'dist')
const H5 = join(ROOT, 'dist-h5')

jest.setTimeout(120_000)

let cloud: LocalCloud
let demo: DemoCloud
let phone: WeappPhone
let browser: PhoneBrowser
let styles: StyleCompilation
let fixture: Fixture

beforeAll(async () => {
  for (const built of [join(DIST, 'app.json'), join(H5, 'index.html')])
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`)
  demo = await startDemoCloud('vipcard-weapp-pages-', { staticDir: H5, dbLatencyMs: 0 })
  cloud = demo.cloud
  fixture = await makeHeavyShopper(cloud)
  phone = weappPhone(DIST, (name, data, openid) => cloud.invoke(name, data, { openid }))
  styles = compileStyles(DIST)
  // One tab for both pictures: a tab in the background is throttled, and its screenshot waits seconds for it.
  browser = await launchPhone()
  await identityFromCookie(browser.context, cloud.url)
}, 240_000)

afterAll(async () => {
  phone?.close()
  await browser?.close()
  await demo?.close()
})

/** Opens the H5 twin as `caller` (kept where the H5 identity switcher keeps it) and waits for its data. */
const openH5 = async (route: string, query: Record<string, string>, caller: string) => {
  await openAs(browser.context, cloud.url, caller)
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, decodeURIComponent(v)])).toString()
  await openSettled(browser.page, `${cloud.url}/#/${route}${search ? `?${search}` : ''}`)
}

describe('every page of app.json, drawn from WeChat’s compiled templates', () => {
  it.each(pageVisits(DIST).map((v) => [v.route, v] as const))('%s', async (route, visit) => {
    const query = visit.query(fixture)
    await phone.open(route, query, visit.caller)
    const drawing = phone.draw()
    const page = phone.weapp.current()!
    expect({ route, dropped: undrawn(page.instance.data, drawing), templateWarnings: phone.templates.warnings.splice(0) }).toEqual({
      route,
      dropped: [],
      templateWarnings: [],
    })

    const weapp = await showDrawing(browser.page, DIST, styles, route, drawing, `weapp-${pageName(route)}`)
    await openH5(route, query, visit.caller)
    const h5 = await h5Text(browser.page)
    await shootH5(browser.page, `h5-${pageName(route)}`)
    expect({ route, missingFromWeapp: missingFromWeapp(route, h5, weapp.text) }).toEqual({ route, missingFromWeapp: [] })
    // One glossary (src/wording/glossary.ts): no misnomer on any page, no English on a shopper's.
    const reader = /^(staff|ops)\//.test(route) ? 'staff' : 'shopper'
    expect({ route, glossary: glossaryProblems(`${h5}\n${weapp.text}`, reader) }).toEqual({ route, glossary: [] })
  })
})
