/**
 * A till purchase as one pure decision (src/domain/purchase.ts, purchaseAtTill): the member code spent, points,
 * the tier, the coupon used and the buyer's referral settled — everything `_lib/purchases.ts` then writes in one
 * transaction. No database: given what the transaction read, then what it is to write.
 */
import { issueCoupon } from '../../src/domain/coupons'
import { DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { codeStep } from '../../src/domain/memberCode'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { purchaseAtTill, type TillPurchaseInput } from '../../src/domain/purchase'
import type { Referral } from '../../src/domain/referral'
import type { TillCodeState } from '../../src/domain/tillCode'
import { at, joinedMember, staffActor } from '../support/members'

const now = at('2026-05-10T15:00:00')
const scannedAt = at('2026-05-10T14:58:00')
const step = codeStep(Date.parse(scannedAt))

// Given an invitee in their birthday month, whose code the assistant scanned two minutes ago, holding a birthday coupon.
const scan: TillCodeState = { version: 1, step, staffId: 'A01', storeId: 'SH001', acceptedAt: scannedAt, usedFor: null }
const invitee = joinedMember({ referredBy: { inviterId: 'inviter', status: 'pending' }, tillCodes: [scan] })
const inviter = joinedMember({ _id: 'inviter', memberNo: '12345678911', referralCode: 'INVT23' })
const referral: Referral = {
  _id: 'o-1',
  inviterId: 'inviter',
  inviteeId: 'o-1',
  joinedAt: at('2026-05-01T10:00:00'),
  status: 'pending',
  flags: [],
  purchaseId: null,
  rewardedAt: null,
  review: null,
}
const coupon = issueCoupon(
  DEFAULT_COUPON_TEMPLATES.find((t) => t._id === 'birthday-30off')!,
  invitee,
  {
    key: 'bday:o-1:2026',
    code: '123456789012',
    channel: 'birthday',
    at: at('2026-05-01T00:05:00'),
  },
).coupon

const input = (overrides: Partial<TillPurchaseInput> = {}): TillPurchaseInput => ({
  storeId: 'SH001',
  orderNo: 'A-1',
  amountFen: 80_000,
  at: now,
  actor: staffActor,
  coupon,
  code: { version: 1, step, fresh: false },
  recorderId: 'openid-of-A01',
  ...overrides,
})

describe('a purchase at the till, decided whole', () => {
  it('spends the code, earns points, reaches VIP, uses the coupon and pays the inviter', () => {
    const d = purchaseAtTill({ member: invitee, referral: { referral, inviter } }, input(), DEFAULT_PROGRAM)

    // The code scanned for it is spent on this purchase.
    expect(d.member.tillCodes).toEqual([{ ...scan, usedFor: 'purchase:SH001:A-1' }])
    // The coupon takes 30% off; what was paid (¥560) earns double points in the birthday month and makes VIP.
    expect(d.coupon).toMatchObject({ state: 'used', use: { orderId: 'SH001:A-1', discountFen: 24_000, by: 'A01' } })
    expect(d.purchase).toMatchObject({
      _id: 'SH001:A-1',
      amountFen: 56_000,
      listAmountFen: 80_000,
      coupon: { id: 'bday:o-1:2026', discountFen: 24_000 },
      pointsEarned: 1_120,
      tierChange: { kind: 'vip_granted', vipUntil: at('2027-05-11T00:00:00') },
      memberAfter: expect.objectContaining({ tier: 'vip', pointsBalance: 1_120 }),
    })
    expect(d.entries).toEqual([expect.objectContaining({ _id: 'earn:SH001:A-1', memberId: 'o-1', points: 1_120 })])
    expect(d.member).toMatchObject({ tier: 'vip', pointsBalance: 1_120, purchaseCount: 1 })
    // The first qualifying purchase settles the referral: the inviter is paid, the invitee's mirror says so.
    expect(d.member.referredBy).toEqual({ inviterId: 'inviter', status: 'rewarded' })
    expect(d.referral?.referral).toMatchObject({ status: 'rewarded', purchaseId: 'SH001:A-1', rewardedAt: now })
    expect(d.referral?.inviter).toMatchObject({ _id: 'inviter', pointsBalance: 200 })
    expect(d.referral?.entries).toEqual([expect.objectContaining({ _id: 'referral:o-1', memberId: 'inviter', points: 200 })])
  })

  it('holds the referral when the inviter records the purchase themself', () => {
    const d = purchaseAtTill({ member: invitee, referral: { referral, inviter } }, input({ recorderId: 'inviter' }), DEFAULT_PROGRAM)
    expect(d.referral).toEqual({ referral: expect.objectContaining({ status: 'held' }), inviter: null, entries: [] })
    expect(d.member.referredBy).toEqual({ inviterId: 'inviter', status: 'held' })
  })

  it('settles nothing for a member without a pending referral, and takes no code when a coupon stood for it', () => {
    const d = purchaseAtTill({ member: joinedMember(), referral: null }, input({ code: null, coupon: undefined }), DEFAULT_PROGRAM)
    expect(d.referral).toBeNull()
    expect(d.member.tillCodes).toBeUndefined()
    expect(d.coupon).toBeNull()
  })

  it('refuses a code already spent on another purchase, before anything else is decided', () => {
    const spent = joinedMember({ tillCodes: [{ ...scan, usedFor: 'purchase:SH001:A-0' }] })
    expect(() => purchaseAtTill({ member: spent, referral: null }, input(), DEFAULT_PROGRAM)).toThrow(
      expect.objectContaining({ code: 'CODE_ALREADY_USED' }),
    )
  })
})
