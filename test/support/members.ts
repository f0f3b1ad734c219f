/** Test members built by the real domain functions, at times written in business time. */
import { newMember, type Member } from '../../src/domain/member'
import { at } from './clock'

export { at }
export const yuan = (y: number) => Math.round(y * 100)

export const joinedMember = (overrides: Partial<Member> = {}): Member => ({
  ...newMember(
    {
      openid: 'o-1',
      memberNo: '12345678903',
      name: '张三',
      mobile: '13800001111',
      birthday: { month: 5, day: 20 },
      storeId: 'SH001',
      assistantId: 'A01',
      consentVersion: 'v1',
      referralCode: 'TEST23',
    },
    at('2026-01-01T10:00:00'),
  ),
  ...overrides,
})

export const staffActor = { type: 'staff' as const, id: 'A01', storeId: 'SH001' }
