/**
 * Launches Debian's Chromium (never a browser a tool downloads) through playwright-core, sized like a
 * 375-px-wide phone, with a fresh profile per launch so no identity or storage leaks between tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', '..', 'test-results')

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface PhoneBrowser {
  page: Page
  context: BrowserContext
  /** Saves a full-page PNG as test-results/<name>.png and returns its path. */
  screenshot: (name: string) => Promise<string>
  close: () => Promise<void>
}

export const launchPhone = async (): Promise<PhoneBrowser> => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'vipcard-chromium-'))
  // A persistent context is how Playwright takes a user-data dir; it is fresh, so it starts empty.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return {
    page,
    context,
    screenshot: async (name) => {
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    close: async () => {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
