/** Reading and writing members and their ledger entries, shared by every function that changes points. */
import { AppError } from '../../src/domain/errors'
import type { LedgerEntry } from '../../src/domain/ledger'
import type { Member } from '../../src/domain/member'
import { isValidMemberNo } from '../../src/domain/memberNo'
import type { Transaction } from './cloud'
import { data, tx } from './data'

export const loadMember = (openid: string): Promise<Member | null> => data.members.get(openid)

/** The calling shopper's member document; a shopper who has not joined is told to join first. */
export const requireMember = async (openid: string): Promise<Member> => {
  const member = await loadMember(openid)
  if (!member) throw new AppError('NOT_A_MEMBER', '您还不是会员，请先注册')
  return member
}

/** The member behind a scanned or typed member code; a mistyped code is caught by its check digit. */
export const findMemberByCode = async (code: string): Promise<Member> => {
  if (!isValidMemberNo(code)) throw new AppError('MEMBER_NOT_FOUND', '会员码有误，请核对后重新输入')
  const member = await data.members.where({ memberNo: code }).first()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该会员')
  return member
}

/** Inside a transaction: the member as it is now (the decision must be taken on this copy). */
export const readMemberIn = async (t: Transaction, memberId: string): Promise<Member> => {
  const member = await tx(t).members.get(memberId)
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '未找到该会员')
  return member
}

export const writeMemberIn = (t: Transaction, member: Member): Promise<void> => tx(t).members.put(member)

/**
 * Appends ledger entries. `add` with the entry's own id fails on an existing id, so the database itself
 * keeps the ledger append-only: nothing can overwrite an entry.
 */
export const appendEntriesIn = async (t: Transaction, entries: LedgerEntry[]) => {
  const ledger = tx(t).ledger
  for (const entry of entries) await ledger.add(entry)
}
