/**
 * The dynamic member code on the server (see src/domain/memberCode.ts for the code itself): each member's
 * secret, kept in `memberSecrets` (no client may read it), and the codes the tills accepted, kept in
 * `usedCodes` so that each is accepted once.
 *
 * A till's scan is an acceptance: `staff.lookupMember` with a dynamic code records the code as accepted by
 * that assistant. The purchase or redemption that follows carries the same code and spends that acceptance
 * (once, within TILL_SESSION_MINUTES of the scan, at the same assistant's till); a purchase or redemption
 * sent with a code no till has scanned yet accepts and spends it in one go, if the code is fresh. Both happen
 * inside the action's transaction on the one `usedCodes` document of member + secret version + step, so of two
 * tills scanning the same code at the same moment exactly one wins (the other's transaction conflicts, re-runs
 * and finds the code used).
 */
import { randomBytes } from 'node:crypto'
import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import { EXPIRED_LOOKBACK_STEPS, CODE_STEP_SECONDS, judgeCode, parseDynamicCode, SECRET_BYTES, secretToHex } from '../../src/domain/memberCode'
import { db, type Transaction } from './cloud'
import { COLLECTIONS } from './collections'
import { duplicateKeyIndex } from './errors'
import { readDoc, readMany } from './docs'
import { inTransaction } from './transaction'
import { withoutId } from './views'

/** How long after the scan the till may record the purchase or redemption the code was scanned for. */
export const TILL_SESSION_MINUTES = 10

/** `memberSecrets/<OPENID>`. */
export interface MemberSecretDoc {
  _id: string
  /** 64 hex digits (32 bytes). */
  secret: string
  /** 1 for the first secret; each reset adds one. Part of every used code's key. */
  version: number
  createdAt: string
  resetAt: string | null
  /** How often the secret was handed to a device (an install, or a device that lost its storage). */
  deliveries: number
  lastDeliveredAt: string | null
}

/** `usedCodes/<memberId>:v<version>:<step>`. */
export interface UsedCodeDoc {
  _id: string
  memberId: string
  version: number
  step: number
  acceptedAt: string
  staffId: string
  storeId: string
  /** What the acceptance was spent on (`purchase:<id>`, `redeem:<id>`); null after a scan, until then. */
  usedFor: string | null
  /** For the hourly clean-up: after the look-back, a stored code can no longer be presented anyway. */
  expiresAt: string
}

export const usedCodeId = (memberId: string, version: number, step: number) => `${memberId}:v${version}:${step}`

const newSecret = (): string => secretToHex(randomBytes(SECRET_BYTES))

export const loadSecret = (memberId: string): Promise<MemberSecretDoc | null> =>
  readDoc<MemberSecretDoc>(db.collection(COLLECTIONS.memberSecrets).doc(memberId))

/** The member's secret, made on first use; a concurrent first call finds the one made by the other. */
export const deliverSecret = async (memberId: string, now: string): Promise<MemberSecretDoc> => {
  const kept = await loadSecret(memberId)
  if (!kept) {
    const doc: MemberSecretDoc = { _id: memberId, secret: newSecret(), version: 1, createdAt: now, resetAt: null, deliveries: 1, lastDeliveredAt: now }
    try {
      await db.collection(COLLECTIONS.memberSecrets).add({ data: doc })
      return doc
    } catch (e) {
      if (duplicateKeyIndex(e) !== '_id_') throw e
      return deliverSecret(memberId, now)
    }
  }
  await db.collection(COLLECTIONS.memberSecrets).doc(memberId).update({ data: { deliveries: db.command.inc(1), lastDeliveredAt: now } })
  return { ...kept, deliveries: kept.deliveries + 1, lastDeliveredAt: now }
}

/** A lost phone: a new secret and version; every code made with the old one is invalid from this moment. */
export const resetSecret = (memberId: string, now: string): Promise<MemberSecretDoc> =>
  inTransaction(async (t) => {
    const kept = await readDoc<MemberSecretDoc>(t.collection(COLLECTIONS.memberSecrets).doc(memberId))
    const doc: MemberSecretDoc = {
      _id: memberId,
      secret: newSecret(),
      version: (kept?.version ?? 0) + 1,
      createdAt: kept?.createdAt ?? now,
      resetAt: now,
      deliveries: (kept?.deliveries ?? 0) + 1,
      lastDeliveredAt: now,
    }
    await t.collection(COLLECTIONS.memberSecrets).doc(memberId).set({ data: withoutId(doc) })
    return doc
  })

const MISTYPED = '会员码有误，请核对后重新输入'
const NOT_VALID = '会员码无效，请顾客打开会员卡刷新后重新出示'
const EXPIRED = '会员码已过期（截图或超过 1 分钟），请顾客打开会员卡出示最新的会员码'

/** A dynamic code as scanned: whose it is and which step it was made for. Not yet accepted. */
export interface ScannedCode {
  member: Member
  version: number
  step: number
  /** Within ±1 step of the server's clock. */
  fresh: boolean
  key: string
}

/**
 * Reads a scanned dynamic code (outside any transaction): the member by the number in front (an indexed
 * lookup; no search over secrets), then the password against that member's secret. A code older than the
 * look-back, forged, tampered with or made before a reset is CODE_INVALID; a mistyped one says so.
 */
export const readScannedCode = async (text: string, now: string): Promise<ScannedCode> => {
  const parsed = parseDynamicCode(text)
  if (!parsed.ok) throw new AppError('CODE_INVALID', MISTYPED)
  const [member] = await readMany<Member>(db.collection(COLLECTIONS.members).where({ memberNo: parsed.memberNo }).limit(1))
  const secret = member ? await loadSecret(member._id) : null
  if (!member || !secret) throw new AppError('CODE_INVALID', NOT_VALID)
  const judged = judgeCode(secret.secret, parsed.otp, Date.parse(now))
  if (judged.verdict === 'invalid') throw new AppError('CODE_INVALID', NOT_VALID)
  return { member, version: secret.version, step: judged.step, fresh: judged.verdict === 'fresh', key: usedCodeId(member._id, secret.version, judged.step) }
}

interface Till {
  staffId: string
  storeId: string
}

const usedCodeDoc = (scanned: ScannedCode, till: Till, usedFor: string | null, now: string): Omit<UsedCodeDoc, '_id'> => ({
  memberId: scanned.member._id,
  version: scanned.version,
  step: scanned.step,
  acceptedAt: now,
  staffId: till.staffId,
  storeId: till.storeId,
  usedFor,
  expiresAt: new Date((scanned.step + 1 + EXPIRED_LOOKBACK_STEPS) * CODE_STEP_SECONDS * 1000).toISOString(),
})

/** A till's scan (look-up): the code is accepted now or never. */
export const acceptScanIn = async (t: Transaction, scanned: ScannedCode, till: Till, now: string): Promise<void> => {
  if (!scanned.fresh) throw new AppError('CODE_EXPIRED', EXPIRED)
  const used = await readDoc<UsedCodeDoc>(t.collection(COLLECTIONS.usedCodes).doc(scanned.key))
  if (used) throw new AppError('CODE_ALREADY_USED', '该会员码已被扫描过，请顾客刷新会员码后重新出示')
  await t.collection(COLLECTIONS.usedCodes).doc(scanned.key).set({ data: usedCodeDoc(scanned, till, null, now) })
}

/**
 * Spends a code on a purchase or redemption (`usedFor`), in that action's transaction: the acceptance made
 * by this assistant's scan within the session, or a fresh code accepted and spent at once. A retry of the
 * same action finds its own `usedFor` and passes.
 */
export const spendCodeIn = async (t: Transaction, scanned: ScannedCode, till: Till, usedFor: string, now: string): Promise<void> => {
  const ref = t.collection(COLLECTIONS.usedCodes).doc(scanned.key)
  const used = await readDoc<UsedCodeDoc>(ref)
  if (!used) {
    if (!scanned.fresh) throw new AppError('CODE_EXPIRED', EXPIRED)
    await ref.set({ data: usedCodeDoc(scanned, till, usedFor, now) })
    return
  }
  if (used.usedFor === usedFor) return
  if (used.usedFor !== null || used.staffId !== till.staffId) {
    throw new AppError('CODE_ALREADY_USED', '该会员码已使用过，请顾客刷新会员码后重新扫描')
  }
  if (Date.parse(now) - Date.parse(used.acceptedAt) > TILL_SESSION_MINUTES * 60_000) {
    throw new AppError('CODE_EXPIRED', `扫码已超过 ${TILL_SESSION_MINUTES} 分钟，请顾客刷新会员码后重新扫描`)
  }
  await ref.update({ data: { usedFor } })
}

/** The hourly clean-up: codes past their look-back can never be presented again. Returns how many went. */
export const removeExpiredCodes = async (now: string): Promise<number> => {
  const { stats } = (await db.collection(COLLECTIONS.usedCodes).where({ expiresAt: db.command.lt(now) }).remove()) as { stats: { removed: number } }
  return stats.removed
}
