/**
 * Puts the weapp drawing (draw.ts → html.ts) on a 375-px phone screen in the same headless Chromium the e2e
 * tests use, to read it as a person does (innerText: what CSS leaves visible) and to photograph it, and does the
 * same for the H5 build of the same page, its twin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page, Request } from 'playwright-core'
import type { StyleCompilation } from '../../../scripts/weapp/compile'
import { SCREENSHOT_DIR } from '../../e2e/support/browser'
import type { DrawnNode } from './draw'
import { drawingToHtml, sheetsFor, type NavigationBar } from './html'

const HTML_DIR = join(SCREENSHOT_DIR, 'weapp-html')

interface WindowConfig {
  navigationBarTitleText?: string
  navigationBarBackgroundColor?: string
  navigationBarTextStyle?: 'black' | 'white'
}

/** The navigation bar WeChat draws for a page: app.json's window, overridden by the page's .json. */
export const navigationBarOf = (distDir: string, route: string): NavigationBar => {
  const app = (JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as { window?: WindowConfig }).window ?? {}
  const page = JSON.parse(readFileSync(join(distDir, `${route}.json`), 'utf8')) as WindowConfig
  return {
    title: page.navigationBarTitleText ?? app.navigationBarTitleText ?? '',
    background: page.navigationBarBackgroundColor ?? app.navigationBarBackgroundColor ?? '#000000',
    textStyle: page.navigationBarTextStyle ?? app.navigationBarTextStyle ?? 'white',
  }
}

export interface Shown {
  /** What a reader sees, as the browser's innerText gives it. */
  text: string
  screenshot?: string
}

/**
 * Shows the drawing in the browser page (as a file beside dist/, so the package's own images load) and returns
 * its visible text; with `name`, also saves test-results/<name>.png (the whole page, as tall as it is).
 */
export const showDrawing = async (
  page: Page,
  distDir: string,
  styles: StyleCompilation,
  route: string,
  drawing: DrawnNode,
  name?: string,
): Promise<Shown> => {
  mkdirSync(HTML_DIR, { recursive: true })
  const file = join(HTML_DIR, `${name ?? route.replace(/\//g, '-')}.html`)
  const html = drawingToHtml(drawing, styles, sheetsFor(styles, route, drawing), navigationBarOf(distDir, route))
  // Relative image paths resolve against the package, as on a phone.
  writeFileSync(file, html.replace('<head>', `<head><base href="file://${distDir}/${route.replace(/[^/]+$/, '')}">`))
  await page.setViewportSize({ width: 375, height: 812 })
  await page.goto(`file://${file}`)
  await page.evaluate(() => document.fonts.ready)
  const text = await page.evaluate(() => {
    const bar = document.querySelector('.wx-navigation-bar')
    const body = document.body.innerText
    return bar ? body.slice(body.indexOf((bar as HTMLElement).innerText) + (bar as HTMLElement).innerText.length) : body
  })
  return { text, screenshot: name ? await shoot(page, name, () => document.documentElement.scrollHeight) : undefined }
}

/**
 * The shown Taro H5 page's text (the router keeps pages below it in the DOM, hidden), without the preview's
 * local identity switcher, which exists only in the H5 build.
 */
export const h5Text = (page: Page) =>
  page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none') as HTMLElement[]
    const switchers = Array.from(document.querySelectorAll('.local-identity')) as HTMLElement[]
    for (const s of switchers) s.style.display = 'none'
    const text = shown.length ? shown[shown.length - 1].innerText : document.body.innerText
    for (const s of switchers) s.style.display = ''
    return text
  })

/**
 * Opens `url` and waits until the H5 page has loaded its data: no request of the page in flight and its text
 * unchanged over three looks 100 ms apart. (Playwright's networkidle waits 500 ms of silence first; the page's
 * own requests, counted, say the same sooner.)
 */
export const openSettled = async (page: Page, url: string, timeoutMs = 15_000) => {
  // The requests themselves, not a count: one the previous page made may end after this starts listening.
  const inFlight = new Set<Request>()
  const started = (r: Request) => void inFlight.add(r)
  const ended = (r: Request) => void inFlight.delete(r)
  page.on('request', started)
  page.on('requestfinished', ended)
  page.on('requestfailed', ended)
  try {
    await page.goto(url)
    const since = Date.now()
    let last = ''
    let stable = 0
    while (Date.now() - since < timeoutMs && stable < 2) {
      await page.waitForTimeout(100)
      const text = await h5Text(page)
      stable = inFlight.size === 0 && text === last && text.trim() ? stable + 1 : 0
      last = text
    }
  } finally {
    page.off('request', started)
    page.off('requestfinished', ended)
    page.off('requestfailed', ended)
  }
}

/**
 * Keeps the H5 identity switcher's choice (localStorage `vipcard.localOpenid`) from a cookie, set before the app's
 * scripts run on every page of `origin`: a page opened as someone needs no first visit to set it.
 */
export const identityFromCookie = async (context: BrowserContext, origin: string) =>
  context.addInitScript((at) => {
    if (location.origin !== at) return
    const kept = /(?:^|; )vipcard-test-openid=([^;]*)/.exec(document.cookie)
    if (kept) window.localStorage.setItem('vipcard.localOpenid', decodeURIComponent(kept[1]))
  }, origin)

/** Who the H5 pages of `origin` open as, from the next navigation on (see identityFromCookie). */
export const openAs = (context: BrowserContext, origin: string, openid: string) =>
  context.addCookies([{ name: 'vipcard-test-openid', value: encodeURIComponent(openid), url: origin }])

/** Saves the H5 page on screen as test-results/<name>.png, as tall as the shown page scrolls. */
export const shootH5 = (page: Page, name: string) =>
  shoot(page, name, () => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return Math.max(window.innerHeight, ...shown.map((p) => p.scrollHeight))
  })

const shoot = async (page: Page, name: string, heightOf: () => number) => {
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  const viewport = page.viewportSize()!
  const height = await page.evaluate(heightOf)
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 8_000) })
  try {
    await page.screenshot({ path, fullPage: true })
  } catch (e) {
    // Chromium on a loaded machine sometimes refuses a capture just after the viewport changed ("Unable to capture
    // screenshot"): once more, after the next frame is drawn.
    if (!String((e as Error)?.message).includes('Unable to capture screenshot')) throw e
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))))
    await page.screenshot({ path, fullPage: true })
  }
  if (height > viewport.height) await page.setViewportSize(viewport)
  return path
}
