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
import { _, db } from './cloud'
import { COLLECTIONS } from './collections'
import { readDoc, readMany } from './docs'
import { loadStaffByStaffId } from './reference'
import { inTransaction } from './transaction'
import { withoutId } from './views'

const guards = () => db.collection(COLLECTIONS.codeGuards)

export const loadMemberGuard = (memberNo: string): Promise<MemberCodeGuard | null> =>
  readDoc<MemberCodeGuard>(guards().doc(memberGuardId(memberNo)))

/** Every staff action that takes a member code asks first: a paused till takes none. */
export const assertTillOpen = async (till: Pick<Till, 'staffId'>): Promise<void> => {
  if (isPaused(await readDoc<TillCodeGuard>(guards().doc(tillGuardId(till.staffId))))) throw tillPaused()
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
    const coll = t.collection(COLLECTIONS.codeGuards)
    const forTill = wrongCodeForTill(await readDoc<TillCodeGuard>(coll.doc(tillGuardId(till.staffId))), wrong)
    const forMember = memberNo
      ? wrongCodeForMember(await readDoc<MemberCodeGuard>(coll.doc(memberGuardId(memberNo))), memberNo, wrong)
      : null
    await coll.doc(forTill.guard._id).set({ data: withoutId(forTill.guard) })
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
      await coll.doc(alert._id).set({ data: withoutId(alert) })
    }
    if (forMember) {
      await coll.doc(forMember.guard._id).set({ data: withoutId(forMember.guard) })
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
        await coll.doc(alert._id).set({ data: withoutId(alert) })
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
    readMany<CodeAlert>(
      guards()
        .where({ kind: 'alert', storeId, at: _.gte(since) })
        .orderBy('at', 'desc')
        .limit(50),
    ),
    readMany<CodeAlert>(guards().where({ kind: 'alert', storeId, alert: 'tillPaused', resolvedAt: null }).orderBy('at', 'desc').limit(50)),
  ])
  const all = [...new Map([...open, ...recent].map((a) => [a._id, a])).values()].sort(
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
    const coll = t.collection(COLLECTIONS.codeGuards)
    const resumed = resumeTill(await readDoc<TillCodeGuard>(coll.doc(tillGuardId(staffId))), managerId, now)
    if (!resumed) return false
    await coll.doc(resumed._id).set({ data: withoutId(resumed) })
    await coll.doc(pauseAlertId(staffId, resumed.pauses)).update({ data: { resolvedAt: now, resolvedBy: managerId } })
    return true
  })
