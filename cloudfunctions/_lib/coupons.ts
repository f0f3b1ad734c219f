/**
 * Coupons on the server: issuing under a key (the coupon's id, so issuing twice finds the first), finding
 * a coupon by the code the till scans, and the views pages read.
 */
import { randomInt } from 'node:crypto'
import type { CouponView, TillCouponView } from '../../src/api/contract'
import {
  benefitText,
  couponStatus,
  giftName,
  issueCoupon,
  type Coupon,
  type CouponChannel,
  type CouponTemplate,
} from '../../src/domain/coupons'
import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/member'
import { birthdayCardOnCorrection } from '../../src/domain/memberAudit'
import { effectiveTier } from '../../src/domain/tiers'
import { generateCouponCode, isValidCouponCode } from '../../src/domain/memberNo'
import { couponGrant, hadGrant } from '../../src/domain/onceGrants'
import type { Transaction } from './cloud'
import { data, tx } from './data'
import { duplicateKeyIndex } from './errors'
import { cached, loadProgram } from './reference'
import { inTransaction } from './transaction'

export const newCouponCode = (): string => generateCouponCode(() => randomInt(10))

/** Templates change rarely: cached per instance like the program rules. A limited template's stock is read in a transaction. */
export const loadTemplate = (id: string): Promise<CouponTemplate | null> => cached(`template:${id}`, () => data.couponTemplates.get(id))

/** "新会员礼券（满¥200减¥20）": a gift as the handbook, the join page and the posters name it; null for none or retired. */
export const giftText = async (templateId: string | null): Promise<string | null> => {
  const template = templateId ? await loadTemplate(templateId) : null
  return template?.active ? giftName(template) : null
}

export const birthdayCouponKey = (memberId: string, year: number) => `bday:${memberId}:${year}`
export const welcomeCouponKey = (memberId: string) => `welcome:${memberId}`
export const campaignCouponKey = (campaignId: string, memberId: string) => `campaign:${campaignId}:${memberId}`

export const couponView = (coupon: Coupon, now: string): CouponView => ({
  id: coupon._id,
  code: coupon.code,
  title: coupon.title,
  benefitText: benefitText(coupon.benefit),
  benefit: coupon.benefit,
  note: coupon.note,
  tiers: coupon.tiers,
  channel: coupon.channel,
  combinesWithVipPrice: coupon.combinesWithVipPrice,
  validFrom: coupon.validFrom,
  validUntil: coupon.validUntil,
  status: couponStatus(coupon, now),
  usedAt: coupon.use?.at ?? null,
  ...(coupon.pickupStore ? { pickupStore: { id: coupon.pickupStore.id, name: coupon.pickupStore.name } } : {}),
})

/** A once-only coupon the member had under a membership they deleted (domain/onceGrants). */
const ALREADY_HAD = '您已领取过该券，每人限领一次'

/**
 * Inside a transaction: issues `template` to `member` under `key`, unless a coupon with that key exists (then
 * that one is the answer) or the member had it under a membership they deleted (COUPON_NOT_AVAILABLE). A
 * template with limited stock has its counter read and moved in the same transaction.
 */
export const issueIn = async (
  t: Transaction,
  template: CouponTemplate,
  member: Member,
  key: string,
  channel: CouponChannel,
  now: string,
): Promise<{ coupon: Coupon; issued: boolean }> => {
  const w = tx(t)
  const existing = await w.coupons.get(key)
  if (existing) return { coupon: existing, issued: false }
  if (hadGrant(member, couponGrant(key, member._id, channel))) throw new AppError('COUPON_NOT_AVAILABLE', ALREADY_HAD)
  const current = template.stock.total === null ? template : await w.couponTemplates.get(template._id)
  if (!current) throw new AppError('COUPON_NOT_AVAILABLE', '该券已下架')
  const decision = issueCoupon(current, member, { key, code: newCouponCode(), channel, at: now })
  if (current.stock.total !== null) {
    await w.couponTemplates.update(current._id, { 'stock.issued': decision.template.stock.issued })
  }
  await w.coupons.add(decision.coupon)
  return { coupon: decision.coupon, issued: true }
}

/** The coupon code index is unique; a random clash (one in 10^11) re-rolls the code. */
const CODE_ATTEMPTS = 3
export const withFreshCode = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt()
    } catch (e) {
      if (duplicateKeyIndex(e)?.startsWith('code') && tries < CODE_ATTEMPTS) continue
      throw e
    }
  }
}

/**
 * Issues an unlimited template without a transaction: one insert whose id is the issuance key. A second issue
 * is refused by the database (duplicate _id) and reported as not issued — what makes the birthday job cost
 * one read (the member, in its chunk) and one write per coupon.
 */
export const issueOnce = async (
  template: CouponTemplate,
  member: Member,
  key: string,
  channel: CouponChannel,
  now: string,
): Promise<boolean> => {
  if (hadGrant(member, couponGrant(key, member._id, channel))) return false
  if (template.stock.total !== null) {
    return (await withFreshCode(() => inTransaction((t) => issueIn(t, template, member, key, channel, now)))).issued
  }
  return withFreshCode(async () => {
    const { coupon } = issueCoupon(template, member, { key, code: newCouponCode(), channel, at: now })
    try {
      await data.coupons.add(coupon)
      return true
    } catch (e) {
      if (duplicateKeyIndex(e) === '_id_') return false
      throw e
    }
  })
}

/**
 * After a birthday correction (by staff or an operator): this year's birthday card, when the corrected birthday
 * falls in the current month (src/domain/memberAudit.ts birthdayCardOnCorrection says why), for the tiers the
 * card is for. Keyed by member + year: at most one a year, however often the birthday moves. True when issued now.
 */
export const issueBirthdayCardOnCorrection = async (member: Member, now: string): Promise<boolean> => {
  const due = birthdayCardOnCorrection(member.birthday, now)
  if (!due) return false
  const program = await loadProgram()
  const template = program.coupons.birthdayTemplateId ? await loadTemplate(program.coupons.birthdayTemplateId) : null
  if (!template?.active || !template.tiers.includes(effectiveTier(member, now))) return false
  return issueOnce(template, member, birthdayCouponKey(member._id, due.year), 'birthday', now)
}

export const findCouponByCode = async (code: string): Promise<Coupon> => {
  if (!isValidCouponCode(code)) throw new AppError('COUPON_NOT_FOUND', '券码有误，请核对后重新输入')
  const coupon = await data.coupons.where({ code }).first()
  if (!coupon) throw new AppError('COUPON_NOT_FOUND', '未找到该券')
  return coupon
}

/**
 * A coupon the till names without its code: by id, as the scan lists the member's coupons or as it was looked up
 * by that id. The code on the shopper's phone stands for their presence (see staff/till.ts), so staff never get
 * it from the server.
 */
export const tillCouponView = (coupon: Coupon, now: string): TillCouponView => {
  const { code: _shownOnlyOnThePhone, ...view } = couponView(coupon, now)
  return view
}

/** The coupon a till action names: by its code (scanned or typed) or by its id (listed by the scan). */
export const findCoupon = async (ref: { code?: string; couponId?: string }): Promise<Coupon> => {
  if (ref.code !== undefined) return findCouponByCode(ref.code)
  const coupon = ref.couponId === undefined ? null : await data.coupons.get(ref.couponId)
  if (!coupon) throw new AppError('COUPON_NOT_FOUND', '未找到该券')
  return coupon
}

export const couponsOf = (memberId: string): Promise<Coupon[]> =>
  data.coupons.where({ memberId }).orderBy('issuedAt', 'desc').limit(100).get()
