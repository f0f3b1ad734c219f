/**
 * The dynamic member code on the server (see src/domain/memberCode.ts for the code itself): each member's
 * secret, kept in `memberSecrets` (no client may read it), and the reading of a scanned code.
 *
 * A till's scan is an acceptance: `staff.scanMember` with a dynamic code records the code as accepted by
 * that assistant, on the member document (`tillCodes`, see src/domain/tillCode.ts). The purchase or redemption
 * that follows carries the same code and spends that acceptance (once, within TILL_SESSION_MINUTES of the scan,
 * at the same assistant's till); a purchase or redemption sent with a code no till has scanned yet accepts and
 * spends it in one go, if the code is fresh. Both happen inside the action's transaction on the member
 * document, so of two tills scanning the same code at the same moment exactly one wins (the other's transaction
 * conflicts, re-runs and finds the code used).
 */
import { randomBytes } from 'node:crypto'
import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import { judgeCode, parseDynamicCode, SECRET_BYTES, secretToHex } from '../../src/domain/memberCode'
import { _, type Transaction } from './cloud'
import type { MemberSecretDoc } from './collections'
import { data, tx } from './data'
import { duplicateKeyIndex } from './errors'
import { inTransaction } from './transaction'
import { acceptScan, type Till } from '../../src/domain/tillCode'
import { codeLocked, lockedUntil } from '../../src/domain/codeGuard'
import { countWrongCode, loadMemberGuard } from './codeGuards'

/** The document type lives in collections.ts; named here too for member/memberCode.ts. */
export type { MemberSecretDoc } from './collections'

const newSecret = (): string => secretToHex(randomBytes(SECRET_BYTES))

export const loadSecret = (memberId: string): Promise<MemberSecretDoc | null> => data.memberSecrets.get(memberId)

/** The member's secret, made on first use; a concurrent first call finds the one made by the other. */
export const deliverSecret = async (memberId: string, now: string): Promise<MemberSecretDoc> => {
  const kept = await loadSecret(memberId)
  if (!kept) {
    const doc: MemberSecretDoc = {
      _id: memberId,
      secret: newSecret(),
      version: 1,
      createdAt: now,
      resetAt: null,
      deliveries: 1,
      lastDeliveredAt: now,
    }
    try {
      await data.memberSecrets.add(doc)
      return doc
    } catch (e) {
      if (duplicateKeyIndex(e) !== '_id_') throw e
      return deliverSecret(memberId, now)
    }
  }
  await data.memberSecrets.update(memberId, { deliveries: _.inc(1), lastDeliveredAt: now })
  return { ...kept, deliveries: kept.deliveries + 1, lastDeliveredAt: now }
}

/** A lost phone: a new secret and version; every code made with the old one is invalid from this moment. */
export const resetSecret = (memberId: string, now: string): Promise<MemberSecretDoc> =>
  inTransaction(async (t) => {
    const secrets = tx(t).memberSecrets
    const kept = await secrets.get(memberId)
    const doc: MemberSecretDoc = {
      _id: memberId,
      secret: newSecret(),
      version: (kept?.version ?? 0) + 1,
      createdAt: kept?.createdAt ?? now,
      resetAt: now,
      deliveries: (kept?.deliveries ?? 0) + 1,
      lastDeliveredAt: now,
    }
    await secrets.put(doc)
    return doc
  })

const MISTYPED = '会员码有误，请核对后重新输入'
const NOT_VALID = '会员码无效，请顾客打开会员卡刷新后重新出示'

/** A dynamic code as scanned: whose it is and which step it was made for. Not yet accepted. */
export interface ScannedCode {
  member: Member
  version: number
  step: number
  /** Within ±1 step of the server's clock. */
  fresh: boolean
}

/**
 * Reads a scanned dynamic code (outside any transaction) at a till: the member by the number in front (an
 * indexed lookup; no search over secrets), then the password against that member's secret. A code older than
 * the look-back, forged, tampered with or made before a reset is CODE_INVALID, and counted by the brake on
 * guessing (_lib/codeGuards: the till's and the member's counters; it may answer CODE_LOCKED or TILL_PAUSED
 * instead); a mistyped one says so and is not counted (the check digits caught it before any look-up). While
 * the member's code is locked, every code of theirs is refused, the right one too.
 */
export const readScannedCode = async (text: string, now: string, till: Till): Promise<ScannedCode> => {
  const parsed = parseDynamicCode(text)
  if (!parsed.ok) throw new AppError('CODE_INVALID', MISTYPED)
  const [member, guard] = await Promise.all([data.members.where({ memberNo: parsed.memberNo }).first(), loadMemberGuard(parsed.memberNo)])
  const secret = member ? await loadSecret(member._id) : null
  const judged = secret ? judgeCode(secret.secret, parsed.otp, Date.parse(now)) : ({ verdict: 'invalid' } as const)
  // No member, no secret: invalid.
  if (judged.verdict === 'invalid' || !member || !secret)
    throw await countWrongCode(member ? parsed.memberNo : null, till, now, new AppError('CODE_INVALID', NOT_VALID))
  const locked = lockedUntil(guard, now)
  if (locked) throw codeLocked(locked)
  return { member, version: secret.version, step: judged.step, fresh: judged.verdict === 'fresh' }
}

/** A till's scan (look-up), in its own transaction: the code is accepted now or never (see src/domain/tillCode). */
export const acceptScanIn = async (t: Transaction, scanned: ScannedCode, till: Till, now: string): Promise<void> => {
  const members = tx(t).members
  const member = await members.get(scanned.member._id)
  if (!member) throw new AppError('CODE_INVALID', NOT_VALID)
  const tillCodes = acceptScan(member.tillCodes, scanned, till, now)
  // `set` replaces the array whole (an update merges objects field by field).
  await members.update(member._id, { tillCodes: _.set(tillCodes) })
}
