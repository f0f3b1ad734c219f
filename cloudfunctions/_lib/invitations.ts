/**
 * Invitations (src/domain/invitations.ts): an operator makes one (ops.inviteStaff, ops.inviteOperator), the invited
 * person accepts it in the mini-program (member.acceptInvitation) and their OPENID becomes the staff or operator
 * record's id. A code is accepted once, before it expires, by someone who is neither staff nor operator yet.
 */
import { randomInt } from 'node:crypto'
import type { AcceptedInvitation, InvitationView } from '../../src/api/storeAdmin'
import { AppError, type ErrorCode } from '../../src/domain/errors'
import { acceptPath, CODE_ALPHABET, CODE_LENGTH, expiresAt, invitationState } from '../../src/domain/invitations'
import type { InvitationDoc, OperatorDoc, StaffDoc } from './collections'
import { data, tx } from './data'
import { duplicateKeyIndex } from './errors'
import { loadStore, storeView } from './reference'
import { inTransaction } from './transaction'

const newCode = (): string => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export const invitationView = async (inv: InvitationDoc): Promise<InvitationView> => {
  const base = { code: inv._id, path: acceptPath(inv._id), expiresAt: inv.expiresAt, name: inv.name }
  if (inv.staff) {
    const store = storeView(await loadStore(inv.staff.storeId)) ?? { id: inv.staff.storeId, name: inv.staff.storeId }
    return { ...base, kind: 'staff', staffId: inv.staff.staffId, role: inv.staff.role, store }
  }
  const op = inv.operator!
  return { ...base, kind: 'operator', operatorId: op.operatorId, areas: op.areas, exportPII: op.exportPII }
}

/** An invitation still open for this staff number or operator number (at most one at a time). */
export const openInvitationFor = async (
  key: { 'staff.staffId': string } | { 'operator.operatorId': string },
  now: string,
): Promise<InvitationDoc | null> => {
  const found = await data.invitations.where(key).limit(100).get()
  return found.find((inv) => invitationState(inv, now) === 'open') ?? null
}

type Fresh = Omit<InvitationDoc, '_id' | 'createdAt' | 'expiresAt' | 'usedAt' | 'usedBy'>

/**
 * Makes the invitation, keyed by the operator's request id: a retry with the same content answers the first one,
 * with other content it is an IDEMPOTENCY_CONFLICT. Answers it and whether it was a replay.
 */
export const createInvitation = async (
  fresh: Fresh,
  now: string,
  sameRequest: (earlier: InvitationDoc) => boolean,
): Promise<{ invitation: InvitationDoc; replayed: boolean }> => {
  const replay = async (): Promise<{ invitation: InvitationDoc; replayed: boolean } | null> => {
    const earlier = await data.invitations.where({ requestKey: fresh.requestKey }).first()
    if (!earlier) return null
    if (!sameRequest(earlier)) throw new AppError('IDEMPOTENCY_CONFLICT', '该请求已用于另一份邀请，请重新发起')
    return { invitation: earlier, replayed: true }
  }
  const earlier = await replay()
  if (earlier) return earlier
  const invitation: InvitationDoc = {
    ...fresh,
    _id: newCode(),
    createdAt: now,
    expiresAt: expiresAt(now, fresh.kind),
    usedAt: null,
    usedBy: null,
    revokedAt: null,
    revokedBy: null,
  }
  try {
    await data.invitations.add(invitation)
  } catch (e) {
    // A racing retry of the same request made it first (requestKey is unique): answer with that one.
    if (duplicateKeyIndex(e) === 'requestKey_unique') {
      const raced = await replay()
      if (raced) return raced
    }
    throw e
  }
  return { invitation, replayed: false }
}

const refused = (code: ErrorCode, message: string) => new AppError(code, message)

const acceptedView = async (inv: InvitationDoc): Promise<AcceptedInvitation> => {
  if (inv.staff) {
    const store = storeView(await loadStore(inv.staff.storeId)) ?? { id: inv.staff.storeId, name: inv.staff.storeId }
    return { kind: 'staff', staff: { staffId: inv.staff.staffId, name: inv.name, role: inv.staff.role, store } }
  }
  return { kind: 'operator', operator: { operatorId: inv.operator!.operatorId, name: inv.name } }
}

/**
 * The invited person (`openid`, from the cloud context) accepts `code`. Their second tap answers the same; an
 * unknown code is CODE_INVALID, a used one CODE_ALREADY_USED, an expired one CODE_EXPIRED; someone who is staff or
 * an operator already (also a deactivated one) is FORBIDDEN: one WeChat account, one role.
 */
export const acceptInvitation = async (code: string, openid: string, now: string): Promise<AcceptedInvitation> => {
  const inv = await data.invitations.get(code)
  if (!inv) throw refused('CODE_INVALID', '邀请码无效，请核对后重新输入，或联系总部重新邀请')
  if (inv.usedBy === openid) return acceptedView(inv)
  const state = invitationState(inv, now)
  if (state === 'used') throw refused('CODE_ALREADY_USED', '该邀请码已被使用，请联系总部重新邀请')
  if (state === 'revoked') throw refused('CODE_INVALID', '该邀请已被总部撤销，如有疑问请联系总部')
  if (state === 'expired') throw refused('CODE_EXPIRED', '该邀请码已过期，请联系总部重新邀请')
  const [asStaff, asOperator] = await Promise.all([data.staff.get(openid), data.operators.get(openid)])
  if (asStaff && !asStaff.active)
    throw refused('FORBIDDEN', `该微信的员工账号（工号 ${asStaff.staffId}）已停用，不能再接受邀请，请联系总部`)
  if (asStaff) throw refused('FORBIDDEN', `该微信已是门店员工（工号 ${asStaff.staffId}），不能再接受邀请`)
  if (asOperator) throw refused('FORBIDDEN', `该微信已是品牌运营账号（${asOperator.operatorId}），不能再接受邀请`)
  if (inv.staff) {
    const store = await data.stores.get(inv.staff.storeId)
    if (!store || store.active === false) throw refused('CODE_INVALID', '邀请您的门店已停业，请联系总部')
    if (await data.staff.where({ staffId: inv.staff.staffId }).first())
      throw refused('CODE_INVALID', `工号 ${inv.staff.staffId} 已被使用，请联系总部重新邀请`)
  } else if (await data.operators.where({ operatorId: inv.operator!.operatorId }).first()) {
    throw refused('CODE_INVALID', `运营编号 ${inv.operator!.operatorId} 已被使用，请联系总部重新邀请`)
  }
  try {
    await inTransaction(async (t) => {
      const w = tx(t)
      // Read again inside: of two people racing for one code, or one person for two codes, one wins.
      const current = await w.invitations.get(code)
      if (!current || current.usedAt) throw refused('CODE_ALREADY_USED', '该邀请码已被使用，请联系总部重新邀请')
      if (current.revokedAt) throw refused('CODE_INVALID', '该邀请已被总部撤销，如有疑问请联系总部')
      if ((await w.staff.get(openid)) || (await w.operators.get(openid)))
        throw refused('FORBIDDEN', '该微信已是员工或运营账号，不能再接受邀请')
      if (inv.staff) {
        const staff: StaffDoc = {
          _id: openid,
          staffId: inv.staff.staffId,
          name: inv.name,
          storeId: inv.staff.storeId,
          role: inv.staff.role,
          active: true,
          joinedAt: now,
          invitedBy: inv.createdBy,
        }
        await w.staff.add(staff)
      } else {
        const op = inv.operator!
        const operator: OperatorDoc = {
          _id: openid,
          operatorId: op.operatorId,
          name: inv.name,
          active: true,
          areas: op.areas,
          ...(op.exportPII ? { permissions: ['exportPII'] } : {}),
          joinedAt: now,
          invitedBy: inv.createdBy,
        }
        await w.operators.add(operator)
      }
      await w.invitations.update(code, { usedAt: now, usedBy: openid })
    })
  } catch (e) {
    // The staff or operator number went to someone else meanwhile (its index is unique).
    if (duplicateKeyIndex(e)) throw refused('CODE_INVALID', '该工号或运营编号已被使用，请联系总部重新邀请')
    throw e
  }
  return acceptedView({ ...inv, usedAt: now, usedBy: openid })
}
