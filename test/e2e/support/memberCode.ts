/**
 * The dynamic member code a demo shopper's phone shows right now: the secret the card page would get
 * (member.codeSecret, as that shopper) and the code of the current 30 seconds. For steps where the test
 * stands at the till and the shopper's own screen is not the point; elsewhere the tests read the code off
 * the card page, as the assistant's scanner does.
 */
import type { Page } from 'playwright-core'
import type { LocalCloud } from '../../../localcloud'
import { dynamicMemberCode } from '../../../src/domain/memberCode'

/** `stepsAhead` 1: the next half minute's code (still accepted now), for a second action of the same visit. */
export const memberCodeNow = async (cloud: LocalCloud, openid: string, stepsAhead = 0): Promise<string> => {
  const answer = (await cloud.invoke('member', { action: 'codeSecret', input: {} }, { openid })) as
    { ok: true; data: { memberNo: string; secret: string } } | { ok: false; error: { code: string; message: string } }
  if (!answer.ok) throw new Error(`member.codeSecret for ${openid}: ${answer.error.code} ${answer.error.message}`)
  return dynamicMemberCode(answer.data.memberNo, answer.data.secret, Date.now() + stepsAhead * 30_000)
}

/**
 * The shopper's one tap from the card: 会员码 on the card face opens the code full screen. Waits until it can be
 * scanned (the barcode drawn and the QR image decoded), taps the digits to show them, and returns them as the
 * till reads them (no spaces).
 */
export const showMemberCode = async (page: Page): Promise<string> => {
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`)
  await shown('.member-card__code-button').click()
  await untilScannable(page)
  await shown('.member-code__digits').click()
  await shown('.member-code__reveal').getByText('轻触隐藏数字').waitFor()
  return (await shown('.member-code__number').innerText()).replace(/\s+/g, '')
}

/** The full-screen code is scannable: bars drawn and the top QR image decoded (an <img> with its natural size). */
export const untilScannable = (page: Page) =>
  page.waitForFunction(() => {
    const view = Array.from(document.querySelectorAll('.code-view')).find((v) => v.getClientRects().length > 0)
    const qr = Array.from(view?.querySelectorAll('.member-code__qr-layer img') ?? []).pop() as HTMLImageElement | undefined
    return !!view && view.querySelectorAll('.member-code__bar--dark').length > 20 && !!qr && qr.complete && qr.naturalWidth > 0
  })

/** Closes the full-screen code (完成). */
export const closeMemberCode = (page: Page) => page.locator('.taro_page:visible .code-view__close').click()
