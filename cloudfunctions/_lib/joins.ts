/**
 * Joining's writer: the decision of src/domain/join.ts (the new member, the coupons given at join, the friend's
 * invitation it binds) written in the join's transaction, so a membership never exists without them, nor they
 * without it.
 */
import type { JoinDecision } from '../../src/domain/join'
import type { Transaction } from './cloud'
import { issueIn } from './coupons'
import { tx } from './data'

/**
 * Writes a join: the member document, then its coupons (welcome, the birthday card in the birthday month, the
 * invitee's gift; each issued once under its key), then the referral under the new member's id.
 */
export const writeJoinIn = async (t: Transaction, decision: JoinDecision, now: string): Promise<void> => {
  const w = tx(t)
  await w.members.put(decision.member)
  for (const { template, key, channel } of decision.coupons) await issueIn(t, template, decision.member, key, channel, now)
  if (decision.referral) await w.referrals.add(decision.referral)
}
