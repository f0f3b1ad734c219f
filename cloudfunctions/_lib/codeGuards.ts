/**
 * The brake on guessing dynamic member codes, on the server (the rules: src/domain/codeGuard.ts). Its documents,
 * in `codeGuards`, are the one thing a refused call writes: each wrong code is counted on the call that refuses
 * it. The fuzz suites' rule "a refused call changes nothing" exempts this collection by name (README, The member
 * code; test/fuzz/support/observe.ts).
 */
import type { CodeAlertView } from '../../src/api/contract'
import {
  codeLocked,
  isPaused,
  lockAlertId,
  lockedUntil,
  memberGuardId,
  pauseAlertId,
  resumeTill,
  tillGuardId,
  tillPaused,
  wrongCodeForMember,
  wrongCodeForTill,
  type CodeAlert,
  type MemberCodeGuard,
  type TillCodeGuard,
  type WrongCode,
} from '../../src/domain/codeGuard'
import { AppError } from '../../src/domain/errors'
import type { Till } from '../../src/domain/tillCode'
import { _ } from './cloud'
import { data, tx } from './data'
import { loadStaffByStaffId } from './reference'
import { inTransaction } from './transaction'

/*
 * The collection holds three kinds of document, told apart by `kind` (their ids say the same: `member:…`,
 * `till:…`, `alert:…`); each is read through its own narrowing.
 */
type GuardDoc = MemberCodeGuard | TillCodeGuard | CodeAlert
const asMemberGuard = (doc: GuardDoc | null): MemberCodeGuard | null => (doc?.kind === 'member' ? doc : null)
const asTillGuard = (doc: GuardDoc | null): TillCodeGuard | null => (doc?.kind === 'till' ? doc : null)
const isAlert = (doc: GuardDoc): doc is CodeAlert => doc.kind === 'alert'

export const loadMemberGuard = async (memberNo: string): Promise<MemberCodeGuard | null> =>
  asMemberGuard(await data.codeGuards.get(memberGuardId(memberNo)))

export const loadTillGuard = async (staffId: string): Promise<TillCodeGuard | null> =>
  asTillGuard(await data.codeGuards.get(tillGuardId(staffId)))

/** Every staff action that takes a member code asks first: a paused till takes none. */
export const assertTillOpen = async (till: Pick<Till, 'staffId'>): Promise<void> => {
  if (isPaused(await loadTillGuard(till.staffId))) throw tillPaused()
}

/**
 * Counts a wrong dynamic code for the till, and for the member when the number is someone's, in one transaction
 * on their two counter documents (a concurrent wrong code conflicts and re-runs: none is lost, a lock or a pause
 * happens once, with its alert). Returns the refusal to answer: the till paused, else the member locked, else the
 * code invalid.
 */
export const countWrongCode = async (memberNo: string | null, till: Till, now: string, invalid: AppError): Promise<AppError> => {
  const wrong: WrongCode = { at: now, staffId: till.staffId, storeId: till.storeId }
  const outcome = await inTransaction(async (t) => {
    const guards = tx(t).codeGuards
    const forTill = wrongCodeForTill(asTillGuard(await guards.get(tillGuardId(till.staffId))), wrong)
    const forMember = memberNo ? wrongCodeForMember(asMemberGuard(await guards.get(memberGuardId(memberNo))), memberNo, wrong) : null
    await guards.put(forTill.guard)
    if (forTill.paused) {
      const alert: CodeAlert = {
        _id: pauseAlertId(till.staffId, forTill.guard.pauses),
        kind: 'alert',
        alert: 'tillPaused',
        storeId: till.storeId,
        staffId: till.staffId,
        memberNo,
        at: now,
        until: null,
        resolvedAt: null,
        resolvedBy: null,
      }
      await guards.put(alert)
    }
    if (forMember) {
      await guards.put(forMember.guard)
      // The manager of each store whose till took part hears of it, with its till that tried last.
      const byStore = new Map((forMember.lockedBy ?? []).map((w) => [w.storeId, w.staffId]))
      byStore.set(till.storeId, till.staffId)
      for (const [storeId, staffId] of forMember.lockedBy ? byStore : []) {
        const alert: CodeAlert = {
          _id: lockAlertId(memberNo!, forMember.guard.locks, storeId),
          kind: 'alert',
          alert: 'memberLocked',
          storeId,
          staffId,
          memberNo,
          at: now,
          until: forMember.guard.lockedUntil,
          resolvedAt: null,
          resolvedBy: null,
        }
        await guards.put(alert)
      }
    }
    return { paused: isPaused(forTill.guard), until: forMember ? lockedUntil(forMember.guard, now) : null }
  })
  if (outcome.paused) return tillPaused()
  return outcome.until ? codeLocked(outcome.until) : invalid
}

/** How far back the workbench shows the store's alerts (a paused till shows until it is resumed, however old). */
const ALERT_DAYS = 7

/** The store's alerts for its manager: a week's, and every till still paused; newest first. */
export const storeAlerts = async (storeId: string, now: string): Promise<CodeAlertView[]> => {
  const since = new Date(Date.parse(now) - ALERT_DAYS * 86_400_000).toISOString()
  const [recent, open] = await Promise.all([
    data.codeGuards
      .where({ kind: 'alert', storeId, at: _.gte(since) })
      .orderBy('at', 'desc')
      .limit(50)
      .get(),
    data.codeGuards.where({ kind: 'alert', storeId, alert: 'tillPaused', resolvedAt: null }).orderBy('at', 'desc').limit(50).get(),
  ])
  const all = [...new Map([...open, ...recent].filter(isAlert).map((a) => [a._id, a])).values()].sort(
    (a, b) => b.at.localeCompare(a.at) || a._id.localeCompare(b._id),
  )
  const nameOf = async (staffId: string | null) => (staffId ? ((await loadStaffByStaffId(staffId))?.name ?? staffId) : null)
  return Promise.all(
    all.map(async (a) => ({
      id: a._id,
      kind: a.alert,
      at: a.at,
      staff: { staffId: a.staffId, name: (await nameOf(a.staffId))! },
      memberNo: a.memberNo,
      until: a.until,
      open: a.alert === 'tillPaused' && a.resolvedAt === null,
      resolvedAt: a.resolvedAt,
      resolvedBy: await nameOf(a.resolvedBy),
    })),
  )
}

/**
 * A store manager resumes a paused till, in one transaction: the till's counter (its count starts again) and its
 * pause's alert (resolved, by whom). False when it was not paused: nothing to do, nothing written.
 */
export const resumePausedTill = (staffId: string, managerId: string, now: string): Promise<boolean> =>
  inTransaction(async (t) => {
    const guards = tx(t).codeGuards
    const resumed = resumeTill(asTillGuard(await guards.get(tillGuardId(staffId))), managerId, now)
    if (!resumed) return false
    await guards.put(resumed)
    await guards.update(pauseAlertId(staffId, resumed.pauses), { resolvedAt: now, resolvedBy: managerId })
    return true
  })
