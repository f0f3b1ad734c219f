/**
 * Launches Debian's Chromium (never a browser a tool downloads) through playwright-core, sized like a
 * 375-px-wide phone, with a fresh profile per launch so no identity or storage leaks between tests.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium'
import { tempDir } from '../../support/temp'

export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', '..', 'test-results')

/** The Taro pages on screen (the router keeps the pages below in the DOM, hidden). Runs in the page. */
declare function shownPages(): HTMLElement[]
const SHOWN_PAGES = `window.shownPages = () => Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')`

/** Taro's H5 router slides a new page in from the right: wait until it has arrived. */
const untilPageSettled = async (page: Page) => {
  await page.addScriptTag({ content: SHOWN_PAGES })
  await page
    .waitForFunction(
      () => {
        const shown = shownPages()
        return shown.length > 0 && shown.every((p) => p.classList.contains('taro_page_stationed') && p.getBoundingClientRect().left === 0)
      },
      undefined,
      { timeout: 5_000 },
    )
    // A page that never slid (the first one) may never be marked stationed: shoot it as it is.
    .catch(() => undefined)
}

export interface PhoneBrowser {
  page: Page
  context: BrowserContext
  /** Saves a full-page PNG as test-results/<name>.png and returns its path. */
  screenshot: (name: string) => Promise<string>
  close: () => Promise<void>
}

/** A fresh Chromium profile (a persistent context is how Playwright takes a user-data dir) and its first page. */
const launchProfile = async (prefix: string, options: Parameters<typeof chromium.launchPersistentContext>[1]) => {
  const userDataDir = tempDir(prefix)
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const close = async () => {
    await context.close()
    rmSync(userDataDir, { recursive: true, force: true })
  }
  return { context, page, close }
}

export const launchPhone = async (): Promise<PhoneBrowser> => {
  const { context, page, close } = await launchProfile('vipcard-chromium-', {
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  return {
    page,
    context,
    screenshot: async (name) => {
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      await untilPageSettled(page)
      // Each Taro H5 page scrolls inside its own element, so a full-page shot of the document shows only the
      // viewport: make the viewport as tall as the page for the shot.
      const viewport = page.viewportSize()!
      const height = await page.evaluate(() => Math.max(window.innerHeight, ...shownPages().map((p) => p.scrollHeight)))
      if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height })
      await page.screenshot({ path, fullPage: true })
      if (height > viewport.height) await page.setViewportSize(viewport)
      return path
    },
    close,
  }
}

export interface DeskBrowser {
  page: Page
  /** Saves a PNG of the whole page as test-results/<name>.png and returns its path. */
  screenshot: (name: string) => Promise<string>
  close: () => Promise<void>
}

/** A PC browser for the operators' desk: 1280×800, a fresh profile. */
export const launchDesk = async (): Promise<DeskBrowser> => {
  const { page, close } = await launchProfile('vipcard-chromium-desk-', { viewport: { width: 1280, height: 800 } })
  return {
    page,
    screenshot: async (name) => {
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      // The desk's content scrolls inside its own element: make the window as tall as it for the shot.
      const viewport = page.viewportSize()!
      const height = await page.evaluate(() => {
        const content = document.querySelector('.shell__content')
        return content ? content.getBoundingClientRect().top + content.scrollHeight : window.innerHeight
      })
      if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.ceil(height) })
      await page.screenshot({ path, fullPage: true })
      if (height > viewport.height) await page.setViewportSize(viewport)
      return path
    },
    close,
  }
}
