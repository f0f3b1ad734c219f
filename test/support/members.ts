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

/**
 * `count` customers an assistant looks after at a store, for the hand-over tests: openids `<tag>-<i>`, names
 * `顾客<tag><i>`, member numbers starting with `digit`, mobiles starting with `mobilePrefix` (7 digits), so that
 * several sets live side by side in one world.
 */
export const customersOf = (
  count: number,
  set: { tag: string; digit: string; mobilePrefix: string; storeId: string; assistantId: string },
): Member[] =>
  Array.from({ length: count }, (_, i) =>
    newMember(
      {
        openid: `${set.tag}-${i}`,
        memberNo: `${set.digit}${String(i).padStart(10, '0')}`,
        name: `顾客${set.tag}${i}`,
        mobile: `${set.mobilePrefix}${String(i).padStart(4, '0')}`,
        birthday: { month: 3, day: 3 },
        storeId: set.storeId,
        assistantId: set.assistantId,
        consentVersion: '2026-11-01',
        referralCode: `${set.tag.toUpperCase()}${i}`,
      },
      at('2026-06-01T10:00:00'),
    ),
  )
