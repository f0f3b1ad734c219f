/**
 * First screen of the card page in the H5 build (dist-h5, `npm run build:h5`) in Debian's headless Chromium at
 * 375 px, against the local cloud with the demo data, as shopper B (a VIP with history):
 *   1. first visit: nothing kept on the phone, the card waits for member.getCard;
 *   2. second visit (the app opened again): every cloud call held back 2 s, as on a slow network — the card
 *      kept by the first visit should be on screen long before the answer (cache-first, src/pages/card/useCard.ts).
 * Prints the time from navigation to the member's name on the card, and to getCard's answer; saves a 375-px
 * screenshot of the cached card (test-results/first-screen-cached.png). Figures only, nothing asserted.
 * Run after `npm run build:functions && npm run build:h5`: `npx tsx bench/firstScreen.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '../localcloud'
import { functionsOutDir } from '../scripts/build-functions'
import { H5_DIR, productCloudOptions } from '../scripts/local-cloud'
import { demoDocuments } from '../scripts/demo-data'
import { launchPhone, SCREENSHOT_DIR, type PhoneBrowser } from '../test/e2e/support/browser'

const SHOPPER = 'demo-shopper-b'
const SHOPPER_NAME = '李娜'
export const NETWORK_DELAY_MS = Number(process.env.BENCH_NETWORK_DELAY_MS ?? 2_000)

export interface FirstScreenVisit {
  /** Navigation start to the member's name visible on the card. */
  cardVisibleMs: number
  /** Navigation start to member.getCard's answer reaching the page. */
  networkAnswerMs: number
}

export interface FirstScreenFigures {
  firstVisit: FirstScreenVisit
  cachedVisit: FirstScreenVisit
  networkDelayMs: number
  screenshot: string
}

/** Opens the card and times it: the name on screen, and the getCard answer. */
const visitCard = async (page: Page, url: string, whenVisible?: () => Promise<unknown>): Promise<FirstScreenVisit> => {
  await page.goto('about:blank')
  let answeredAt = 0
  const onResponse = async (response: { url(): string; request(): { postData(): string | null } }) => {
    if (response.url().endsWith('/functions/member') && response.request().postData()?.includes('"getCard"')) answeredAt = performance.now()
  }
  page.on('response', onResponse)
  const started = performance.now()
  await page.goto(`${url}/#/pages/card/index`)
  await page.locator('.taro_page:visible .member-card__name', { hasText: SHOPPER_NAME }).waitFor({ state: 'visible', timeout: 30_000 })
  const cardVisibleMs = performance.now() - started
  await whenVisible?.()
  while (!answeredAt && performance.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20))
  page.off('response', onResponse)
  return { cardVisibleMs, networkAnswerMs: answeredAt - started }
}

export const firstScreenBench = async (): Promise<FirstScreenFigures> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipcard-firstscreen-'))
  let cloud: LocalCloud | undefined
  let phone: PhoneBrowser | undefined
  try {
    cloud = await startLocalCloud({
      dataDir,
      functionsDir: functionsOutDir,
      ...productCloudOptions(),
      staticDir: H5_DIR,
      port: 0,
      logs: false,
    })
    for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
    await cloud.warm('member')
    phone = await launchPhone()
    const { page } = phone
    await page.goto(`${cloud.url}/functions/`)
    await page.evaluate((openid) => window.localStorage.setItem('vipcard.localOpenid', openid), SHOPPER)

    const firstVisit = await visitCard(page, cloud.url)
    // Let the first visit finish (the code's secret is kept too), then open the app again on a slow network.
    await page.waitForTimeout(500)
    await page.route('**/functions/**', async (route) => {
      await new Promise((r) => setTimeout(r, NETWORK_DELAY_MS))
      await route.continue()
    })
    // The cached card as the shopper sees it while the network has not answered yet: 375 px wide.
    const screenshot = join(SCREENSHOT_DIR, 'first-screen-cached.png')
    const cachedVisit = await visitCard(page, cloud.url, () => page.screenshot({ path: screenshot }))
    await page.unroute('**/functions/**')
    return { firstVisit, cachedVisit, networkDelayMs: NETWORK_DELAY_MS, screenshot }
  } finally {
    await phone?.close()
    await cloud?.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export const printFirstScreen = (f: FirstScreenFigures) => {
  const ms = (n: number) => `${Math.round(n)} ms`
  console.log('First screen of the card (H5 build, headless Chromium, 375 px)')
  console.log(
    `  first visit (network):            card visible ${ms(f.firstVisit.cardVisibleMs)}, getCard answered ${ms(f.firstVisit.networkAnswerMs)}`,
  )
  console.log(
    `  second visit (cloud +${f.networkDelayMs} ms):     card visible ${ms(f.cachedVisit.cardVisibleMs)}, getCard answered ${ms(f.cachedVisit.networkAnswerMs)}`,
  )
  console.log(`  screenshot: ${f.screenshot}`)
}

if (require.main === module) {
  firstScreenBench()
    .then(printFirstScreen)
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
