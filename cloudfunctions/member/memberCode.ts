/**
 * The member's side of the dynamic member code (src/domain/memberCode.ts): the secret their phone makes codes
 * with, handed to the device once per install (the card page keeps it in storage and asks again only when it
 * has none, or when the card says the member reset it elsewhere), and the reset for a lost phone.
 */
import type { MemberCodeSecret } from '../../src/api/contract'
import { EmptySchema } from '../../src/api/schemas'
import type { Member } from '../../src/domain/member'
import { requireMember } from '../_lib/members'
import { deliverSecret, loadSecret, resetSecret, type MemberSecretDoc } from '../_lib/memberCodes'
import { shopperAction } from '../_lib/runtime'

const answer = (member: Member, doc: MemberSecretDoc, now: string): MemberCodeSecret => ({
  memberNo: member.memberNo,
  secret: doc.secret,
  version: doc.version,
  serverTime: now,
})

/** The secret for this device (made on the member's first call). */
export const codeSecret = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  return answer(member, await deliverSecret(member._id, ctx.now), ctx.now)
})

/** Lost phone: a new secret for this device; codes made with the old one are refused from now on. */
export const resetMemberCode = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await requireMember(ctx.openid)
  return answer(member, await resetSecret(member._id, ctx.now), ctx.now)
})

/** For the card: which secret is current, so a device holding an older one (reset elsewhere) asks again. */
export const codeVersionOf = async (memberId: string): Promise<number | null> => (await loadSecret(memberId))?.version ?? null
