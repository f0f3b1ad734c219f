/**
 * The operators' desk in the e2e tests: a 1280×800 browser on /desk/, signed in the way an operator signs in — the
 * phone (the H5 preview, as the demo operator) opens what the desk's code encodes and confirms.
 */
import jsQR from 'jsqr'
import type { Locator } from 'playwright-core'
import { PNG } from 'pngjs'
import { DEMO_OPERATOR } from '../../../scripts/demo-data'
import type { DeskBrowser } from './browser'
import type { Demo } from './demo'
import { onScreen } from './screen'

/** What scanning the desk's sign-in code gives: the URL its QR encodes (the local stand-in for a mini-program code). */
export const scanDeskCode = async (desk: DeskBrowser): Promise<string> => {
  const img = desk.page.getByAltText('登录二维码')
  await img.waitFor()
  const src = (await img.getAttribute('src'))!
  const png = PNG.sync.read(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data
}

/** Opens the desk and signs it in as the demo operator, confirming on the phone; resolves once the desk shows who. */
export const signInDesk = async (demo: Demo, desk: DeskBrowser): Promise<void> => {
  const { openAs, visible, tapText } = onScreen(() => demo)
  await desk.page.goto(`${demo.cloud.url}/desk/`)
  await openAs(DEMO_OPERATOR._id, await scanDeskCode(desk))
  await visible('.desk-login__title').waitFor()
  await tapText('确认登录')
  await desk.page.locator('.shell__who').filter({ hasText: DEMO_OPERATOR.name }).waitFor({ timeout: 15_000 })
}

/**
 * The desk's dialog forms in a test: the open dialog, one of its labelled rows, an option picked in a TDesign select,
 * and a camera-sized picture to upload. `desk` is read when used (the browser starts in beforeAll).
 */
export const deskForm = (desk: () => DeskBrowser) => {
  const dialog = () => desk().page.locator('.t-dialog')
  return {
    dialog,
    field: (label: string) =>
      dialog()
        .locator('.t-form__item')
        .filter({ has: desk().page.getByText(label, { exact: true }) }),
    /**
     * Picks `text` in a TDesign select. A click while another select's popup is still closing can be swallowed: the
     * select is clicked again until the option shows.
     */
    pickOption: async (select: Locator, text: string) => {
      const option = desk().page.locator('.t-select-option').filter({ hasText: text })
      for (let i = 0; i < 5 && !(await option.isVisible()); i++) {
        await select.click()
        await option.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined)
      }
      await option.click()
    },
    /**
     * A PNG as large as a phone camera's (the desk must shrink it before upload): a `fill` ground with a pale block.
     * Drawn by the browser: pngjs in jest's realm took 16 s for 2,000 × 1,500 (41 s on a loaded machine), holding this
     * process and the local cloud in it long enough for the page's calls to time out.
     */
    bigPicture: async (width: number, height: number, fill: string): Promise<Buffer> => {
      const dataUrl = await desk().page.evaluate(
        ([w, h, f]) => {
          const canvas = document.createElement('canvas')
          canvas.width = w
          canvas.height = h
          const g = canvas.getContext('2d')!
          g.fillStyle = f
          g.fillRect(0, 0, w, h)
          g.fillStyle = 'rgb(240, 200, 80)'
          g.fillRect(w * 0.15, h * 0.25, w * 0.7, h * 0.5)
          return canvas.toDataURL('image/png')
        },
        [width, height, fill] as const,
      )
      return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
    },
  }
}
