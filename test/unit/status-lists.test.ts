/**
 * Each status list is written once, in the domain; the edge's schemas take theirs from it, so a status added
 * there is accepted by the functions without a second edit, and anything else is refused.
 */
import * as v from 'valibot'
import { LogCallbackSchema, ReferralsSchema } from '../../src/api/schemas'
import { RSVP_STATUSES } from '../../src/domain/events'
import { REFERRAL_STATUSES } from '../../src/domain/member'
import { CALLBACK_OUTCOMES, STAFF_ROLES } from '../../src/domain/staff'

const callback = (outcome: string) => ({ memberCode: '12345678903', outcome, requestId: 'req-0001-status-lists' })

describe('status lists', () => {
  it('names each list once, without repeats', () => {
    for (const list of [REFERRAL_STATUSES, RSVP_STATUSES, STAFF_ROLES, CALLBACK_OUTCOMES]) expect(new Set(list).size).toBe(list.length)
    expect(REFERRAL_STATUSES).toEqual(['pending', 'rewarded', 'capped', 'held', 'rejected'])
    expect(RSVP_STATUSES).toEqual(['confirmed', 'waitlisted', 'cancelled'])
    expect(STAFF_ROLES).toEqual(['assistant', 'manager'])
    expect(CALLBACK_OUTCOMES).toEqual(['reached', 'message', 'noAnswer', 'declined'])
  })

  it('lets the operators filter referrals by every status the domain names, and by nothing else', () => {
    for (const status of REFERRAL_STATUSES) expect(v.safeParse(ReferralsSchema, { status }).success).toBe(true)
    expect(v.safeParse(ReferralsSchema, { status: 'paid' }).success).toBe(false)
  })

  it('takes every callback outcome the domain names, and refuses others in words', () => {
    for (const outcome of CALLBACK_OUTCOMES) expect(v.safeParse(LogCallbackSchema, callback(outcome)).success).toBe(true)
    const refused = v.safeParse(LogCallbackSchema, callback('maybe'))
    expect(refused.success).toBe(false)
    expect(refused.issues?.[0].message).toBe('请选择回访结果')
  })
})
