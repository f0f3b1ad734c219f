/**
 * Each dynamic member code is accepted once.
 *
 * The member document keeps the codes tills accepted recently (`Member.tillCodes`): secret version and step,
 * which assistant, when, and what each was spent on. A fresh code not among them is accepted; the code a till
 * scanned may then be spent once, by the same assistant, within the till session. Keeping them on the member —
 * not in a document per code — puts the check inside the purchase transaction at no cost: the purchase reads
 * and writes the member anyway (issue 9's budget of five document operations per purchase), and two tills
 * racing on one code conflict on the member document, so exactly one wins.
 *
 * The list stays short: an entry is kept only while its code could still be presented fresh (±1 step), or
 * while a scan waits to be spent within the session. Older codes are refused as expired before the list is
 * consulted, so forgetting them accepts nothing twice.
 */
import { AppError } from './errors'
import { ACCEPTED_STEPS, codeStep } from './memberCode'
import type { Instant } from './time'

/** How long after the scan the till may record the purchase or redemption the code was scanned for. */
export const TILL_SESSION_MINUTES = 10

export interface TillCodeState {
  version: number
  step: number
  staffId: string
  storeId: string
  acceptedAt: Instant
  /** What the acceptance was spent on (`purchase:<id>`, `redeem:<id>`); null after a scan, until then. */
  usedFor: string | null
}

/** A dynamic code as read by the server: which secret version and step it was made for, and whether it is current. */
export interface PresentedCode {
  version: number
  step: number
  /** Within ±1 step of the server's clock. */
  fresh: boolean
}

export interface Till {
  staffId: string
  storeId: string
}

const EXPIRED = '会员码已过期（截图或超过 1 分钟），请顾客打开会员卡出示最新的会员码'
const SCANNED = '该会员码已被扫描过，请顾客刷新会员码后重新出示'
const USED = '该会员码已使用过，请顾客刷新会员码后重新扫描'
const SESSION_MS = TILL_SESSION_MINUTES * 60_000

const sameCode = (a: PresentedCode | TillCodeState, b: PresentedCode | TillCodeState) => a.version === b.version && a.step === b.step

/** The entries that still matter at `now`: codes that could be presented fresh, and scans waiting to be spent. */
const stillNeeded = (kept: readonly TillCodeState[], version: number, now: Instant): TillCodeState[] => {
  const nowMs = Date.parse(now)
  const oldestFresh = codeStep(nowMs) - ACCEPTED_STEPS
  return kept.filter(
    (c) => c.version >= version && (c.step >= oldestFresh || (c.usedFor === null && nowMs - Date.parse(c.acceptedAt) <= SESSION_MS)),
  )
}

const withEntry = (kept: readonly TillCodeState[], entry: TillCodeState, now: Instant): TillCodeState[] =>
  [
    ...stillNeeded(
      kept.filter((c) => !sameCode(c, entry)),
      entry.version,
      now,
    ),
    entry,
  ].sort((a, b) => a.version - b.version || a.step - b.step)

const accepted = (code: PresentedCode, till: Till, usedFor: string | null, now: Instant): TillCodeState => ({
  version: code.version,
  step: code.step,
  staffId: till.staffId,
  storeId: till.storeId,
  acceptedAt: now,
  usedFor,
})

/** A till's scan (look-up): a fresh code no till has taken yet is accepted now, or never. Returns the new list. */
export const acceptScan = (kept: readonly TillCodeState[] | undefined, code: PresentedCode, till: Till, now: Instant): TillCodeState[] => {
  if (!code.fresh) throw new AppError('CODE_EXPIRED', EXPIRED)
  if ((kept ?? []).some((c) => sameCode(c, code))) throw new AppError('CODE_ALREADY_USED', SCANNED)
  return withEntry(kept ?? [], accepted(code, till, null, now), now)
}

/**
 * Spends a code on a purchase or redemption (`usedFor`): the acceptance made by this assistant's scan within the
 * session, or a fresh code no till has taken, accepted and spent at once. A retry of the same action finds its
 * own `usedFor` and passes with the list unchanged.
 */
export const spendCode = (
  kept: readonly TillCodeState[] | undefined,
  code: PresentedCode,
  till: Till,
  usedFor: string,
  now: Instant,
): TillCodeState[] => {
  const list = kept ?? []
  const scan = list.find((c) => sameCode(c, code))
  if (!scan) {
    if (!code.fresh) throw new AppError('CODE_EXPIRED', EXPIRED)
    return withEntry(list, accepted(code, till, usedFor, now), now)
  }
  if (scan.usedFor === usedFor) return [...list]
  if (scan.usedFor !== null || scan.staffId !== till.staffId) throw new AppError('CODE_ALREADY_USED', USED)
  if (Date.parse(now) - Date.parse(scan.acceptedAt) > SESSION_MS) {
    throw new AppError('CODE_EXPIRED', `扫码已超过 ${TILL_SESSION_MINUTES} 分钟，请顾客刷新会员码后重新扫描`)
  }
  return withEntry(list, { ...scan, usedFor }, now)
}
