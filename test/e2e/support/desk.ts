/**
 * The operators' desk in the e2e tests: a 1280×800 browser on /desk/, signed in the way an operator signs in — the
 * phone (the H5 preview, as the demo operator) opens what the desk's code encodes and confirms.
 */
import jsQR from 'jsqr'
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
