/**
 * Cloud function `ops`: what the brand's operators do. Every action checks, on the server, that the caller
 * is an active operator (never a shop assistant).
 */
import type { AdjustmentResult } from '../../src/api/contract'
import { AdjustPointsSchema, EmptySchema, LookupMemberSchema, MemberLedgerSchema } from '../../src/api/schemas'
import { adjustPoints as decideAdjustment } from '../../src/domain/balance'
import { AppError } from '../../src/domain/errors'
import { adjustEntryId, type LedgerEntry } from '../../src/domain/ledger'
import { COLLECTIONS } from '../_lib/collections'
import { readDoc } from '../_lib/docs'
import { auditEntry, ledgerPage } from '../_lib/history'
import { appendEntriesIn, findMemberByCode, readMemberIn, writeMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { operatorAction, serve } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { memberSummary } from '../_lib/views'

const whoami = operatorAction(EmptySchema, async (_input, { operator }) => ({ operatorId: operator.operatorId, name: operator.name }))

const lookupMember = operatorAction(LookupMemberSchema, async ({ code }, ctx) => ({
  member: memberSummary(await findMemberByCode(code), ctx.now),
}))

/** A member's whole ledger with who did what: the audit an operator reads before and after a correction. */
const memberLedger = operatorAction(MemberLedgerSchema, async ({ code, cursor }, ctx) => {
  const member = await findMemberByCode(code)
  const { page, nextCursor } = await ledgerPage(member._id, cursor)
  return { member: memberSummary(member, ctx.now), entries: await Promise.all(page.map(auditEntry)), nextCursor }
})

/** A manual correction of a member's points, with a mandatory reason; keyed by the operator's request id. */
const adjustPoints = operatorAction(AdjustPointsSchema, async (input, ctx) => {
  const found = await findMemberByCode(input.memberCode)
  const program = await loadProgram()
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`

  return inTransaction(async (t): Promise<AdjustmentResult> => {
    const member = await readMemberIn(t, found._id)
    const done = await readDoc<LedgerEntry>(t.collection(COLLECTIONS.ledger).doc(adjustEntryId(requestKey)))
    if (done) {
      if (done.memberId !== found._id || done.points !== input.points || done.reason !== input.reason) {
        throw new AppError('IDEMPOTENCY_CONFLICT', '该调整请求已用于另一笔调整，请重新发起')
      }
      return answer(done, memberSummary(member, ctx.now), true)
    }
    const actor = { type: 'operator' as const, id: ctx.operator.operatorId }
    const decision = decideAdjustment(member, { requestKey, points: input.points, reason: input.reason, at: ctx.now, actor }, program)
    await writeMemberIn(t, decision.member)
    await appendEntriesIn(t, decision.entries)
    return answer(decision.entries[decision.entries.length - 1], memberSummary(decision.member, ctx.now), false)
  })
})

const answer = (entry: LedgerEntry, member: AdjustmentResult['member'], replayed: boolean): AdjustmentResult => ({
  adjustment: { points: entry.points, reason: entry.reason, at: entry.at, balanceAfter: entry.balanceAfter },
  member,
  replayed,
})

export const main = serve('ops', { whoami, lookupMember, memberLedger, adjustPoints })
