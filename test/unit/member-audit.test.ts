import {
  birthdayCardOnCorrection,
  correctBirthday,
  memberAuditId,
  moveStore,
  sameRequest,
  withoutBirthdays,
  type MemberAuditRecord,
} from '../../src/domain/memberAudit'
import { AppError } from '../../src/domain/errors'
import { at, joinedMember } from '../support/members'

const OCT = at('2026-10-12T12:00:00')
const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (e) {
    return e instanceof AppError ? { code: e.code, fields: e.details?.fields } : e
  }
  return null
}

describe('a birthday correction', () => {
  it('changes the birthday and says from what to what', () => {
    const member = joinedMember({ birthday: { month: 7, day: 15 } })
    const { member: after, change } = correctBirthday(member, { month: 10, day: 20, year: 1990 }, OCT)
    expect(after).toEqual({ ...member, birthday: { month: 10, day: 20, year: 1990 } })
    expect(change).toEqual({ kind: 'birthday', from: { month: 7, day: 15 }, to: { month: 10, day: 20, year: 1990 } })
  })

  it('refuses a day the calendar lacks, a birthday still to come and the birthday already on record', () => {
    const member = joinedMember({ birthday: { month: 7, day: 15 } })
    expect(refusal(() => correctBirthday(member, { month: 2, day: 30 }, OCT))).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'birthday', message: '日期无效' }],
    })
    expect(refusal(() => correctBirthday(member, { month: 10, day: 13, year: 2026 }, OCT))).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'birthday', message: '生日不能晚于今天' }],
    })
    expect(refusal(() => correctBirthday(member, { month: 7, day: 15 }, OCT))).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'birthday', message: '新生日与现有生日相同，无需更正' }],
    })
    // A year added is a correction.
    expect(correctBirthday(member, { month: 7, day: 15, year: 1988 }, OCT).change).toMatchObject({ to: { year: 1988 } })
  })
})

describe('the birthday card a correction gives', () => {
  it('is this year’s when the corrected birthday falls in the current business month, else none now', () => {
    expect(birthdayCardOnCorrection({ month: 10, day: 1 }, OCT)).toEqual({ year: 2026 })
    expect(birthdayCardOnCorrection({ month: 9, day: 30 }, OCT)).toBeNull()
    expect(birthdayCardOnCorrection({ month: 11, day: 1 }, OCT)).toBeNull()
  })

  it('reads the month in Shanghai: 31 October 16:30 UTC is already November there', () => {
    expect(birthdayCardOnCorrection({ month: 11, day: 5 }, '2026-10-31T16:30:00.000Z')).toEqual({ year: 2026 })
    expect(birthdayCardOnCorrection({ month: 1, day: 5 }, '2026-12-31T16:30:00.000Z')).toEqual({ year: 2027 })
  })
})

describe('a move to another store', () => {
  const member = joinedMember({ storeId: 'SH001', assistantId: 'A01' })

  it('moves store and assistant, keeping everything else', () => {
    const { member: after, change } = moveStore(member, { storeId: 'SH002', assistantId: 'B01' })
    expect(after).toEqual({ ...member, storeId: 'SH002', assistantId: 'B01' })
    expect(change).toEqual({ kind: 'store', from: { storeId: 'SH001', assistantId: 'A01' }, to: { storeId: 'SH002', assistantId: 'B01' } })
    expect(moveStore(member, { storeId: 'SH001', assistantId: null }).member).toMatchObject({ storeId: 'SH001', assistantId: null })
  })

  it('refuses a move to where the member already is, and to no store', () => {
    expect(refusal(() => moveStore(member, { storeId: 'SH001', assistantId: 'A01' }))).toMatchObject({ code: 'INVALID_INPUT' })
    expect(refusal(() => moveStore(member, { storeId: null, assistantId: null }))).toMatchObject({ code: 'INVALID_INPUT' })
  })
})

describe('a retried request', () => {
  const record: MemberAuditRecord = {
    _id: memberAuditId('OP01', 'req-12345678'),
    memberId: 'o-1',
    memberNo: '12345678903',
    at: OCT,
    by: 'OP01',
    reason: '身份证核对后更正',
    change: { kind: 'birthday', from: { month: 7, day: 15 }, to: { month: 10, day: 20 } },
  }

  it('is the same request only for the same member, change and reason', () => {
    expect(record._id).toBe('OP01:req-12345678')
    expect(sameRequest(record, 'o-1', { kind: 'birthday', to: { month: 10, day: 20 } }, '身份证核对后更正')).toBe(true)
    expect(sameRequest(record, 'o-2', { kind: 'birthday', to: { month: 10, day: 20 } }, '身份证核对后更正')).toBe(false)
    expect(sameRequest(record, 'o-1', { kind: 'birthday', to: { month: 10, day: 21 } }, '身份证核对后更正')).toBe(false)
    expect(sameRequest(record, 'o-1', { kind: 'birthday', to: { month: 10, day: 20 } }, '另一个原因')).toBe(false)
    expect(sameRequest(record, 'o-1', { kind: 'store', to: { storeId: 'SH002', assistantId: null } }, '身份证核对后更正')).toBe(false)
  })

  it('after the member’s data was erased, keeps the correction and drops the dates', () => {
    expect(withoutBirthdays(record)).toEqual({ ...record, change: { kind: 'birthday', erased: true } })
    const move: MemberAuditRecord = {
      ...record,
      change: { kind: 'store', from: { storeId: 'SH001', assistantId: 'A01' }, to: { storeId: 'SH002', assistantId: null } },
    }
    expect(withoutBirthdays(move)).toBe(move)
  })
})
