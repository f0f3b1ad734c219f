/** Inputs of the `staff` function: the till (purchases, refunds, redemptions, coupons) and the workbench. */
import * as v from 'valibot'
import { CALLBACK_OUTCOMES } from '../domain/staff'
import { isBusinessDate } from '../domain/exports'
import { birthdaySchema, int, PLAIN_TEXT, plainText } from './fields'
import {
  catalogId,
  MAX_POINTS_PER_CHANGE,
  memberCode,
  requestId,
  customerSearch,
  withoutMobile,
  sharedProfileFields,
} from './sharedSchemas'

/**
 * The dynamic member code on the member's phone (src/domain/memberCode.ts): 18 digits, spaces allowed. What
 * moves points or money at the till needs it; the member number alone does not prove the member is there.
 */
export const dynamicCode = v.pipe(
  v.string('请扫描顾客会员卡上的动态会员码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^\d{18}$/, '请扫描顾客会员卡上的动态会员码（18 位）'),
)

/** What a till scans or types to find a member: the dynamic code (18 digits) or the member number (11). */
const tillMemberCode = v.pipe(
  v.string('请扫描或输入会员码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^(\d{11}|\d{18})$/, '会员码应为 18 位动态码或 11 位会员号'),
)

export const ScanMemberSchema = v.object({ code: tillMemberCode })
export type ScanMemberInput = v.InferInput<typeof ScanMemberSchema>

/** ¥100,000 is far above any single till purchase; larger amounts are typos. */
export const MAX_PURCHASE_FEN = 10_000_000

export const orderNo = v.pipe(v.string('请填写订单号'), v.trim(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, '订单号应为 1–32 位字母、数字、- 或 _'))

export const amountFen = (label: string) =>
  v.pipe(
    v.number(`${label}必须是数字`),
    v.integer(`${label}必须是整数（分）`),
    v.minValue(1, `${label}必须大于 0`),
    v.maxValue(MAX_PURCHASE_FEN, `${label}超过单笔上限 ¥100,000`),
  )

export const LookupOrderSchema = v.object({ orderNo })

/** A refund before it happens: what it would take back and do to the tier (a dry run, nothing written). */
export const PreviewRefundSchema = v.object({ orderNo, amountFen: amountFen('退款金额') })
export type PreviewRefundInput = v.InferInput<typeof PreviewRefundSchema>
export type LookupOrderInput = v.InferInput<typeof LookupOrderSchema>

export const RecordRefundSchema = v.object({ orderNo, amountFen: amountFen('退款金额'), requestId })
export type RecordRefundInput = v.InferInput<typeof RecordRefundSchema>

/**
 * Points spent at the till: on a catalog item (its price and title are the server's), or — store managers only,
 * checked on the server — on something typed in (reason and points). Exactly one of the two.
 */
export const RedeemPointsSchema = v.pipe(
  v.object({
    memberCode: dynamicCode,
    itemId: v.optional(catalogId),
    points: v.optional(int('兑换积分', 1, MAX_POINTS_PER_CHANGE)),
    reason: v.optional(plainText('兑换内容', 40)),
    requestId,
  }),
  v.forward(
    v.check((r) => r.itemId !== undefined || r.reason !== undefined, '请选择兑换的礼品'),
    ['itemId'],
  ),
  v.forward(
    v.check(
      (r) => r.itemId === undefined || (r.reason === undefined && r.points === undefined),
      '选择礼品后积分与内容以礼品为准，请勿另填',
    ),
    ['itemId'],
  ),
  v.forward(
    v.check((r) => r.itemId !== undefined || r.points !== undefined, '请填写兑换积分'),
    ['points'],
  ),
)
export type RedeemPointsInput = v.InferInput<typeof RedeemPointsSchema>

/** A coupon's id (its document id), as the scan lists the member's coupons. */
const couponId = v.pipe(v.string('请选择优惠券'), v.regex(/^[A-Za-z0-9_:-]{1,160}$/, '优惠券编号无效'))

/** What the till scans or types from a coupon: 12 digits, spaces allowed. */
export const couponCode = v.pipe(
  v.string('请扫描或输入券码'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^\d{12}$/, '券码应为 12 位数字'),
)

export const RecordPurchaseSchema = v.pipe(
  v.object({
    /** The dynamic code; the member number only with that member's coupon (checked by the server). */
    memberCode: tillMemberCode,
    amountFen: amountFen('金额'),
    orderNo,
    couponCode: v.optional(couponCode),
    /** One of the member's coupons as the scan listed them (by id: the till never sees their codes). */
    couponId: v.optional(couponId),
    /** The order's gross margin, when the till knows it. */
    marginFen: v.optional(v.pipe(v.number('毛利必须是数字'), v.integer('毛利必须是整数（分）'), v.minValue(0, '毛利不能为负'))),
  }),
  v.forward(
    v.check((p) => p.marginFen === undefined || p.marginFen <= p.amountFen, '毛利不能超过金额'),
    ['marginFen'],
  ),
  v.forward(
    v.check((p) => p.memberCode.length === 18 || p.couponCode !== undefined, '请扫描顾客会员卡上的动态会员码（18 位）'),
    ['memberCode'],
  ),
  v.forward(
    v.check((p) => p.couponCode === undefined || p.couponId === undefined, '一笔消费只能使用一张优惠券'),
    ['couponId'],
  ),
)
export type RecordPurchaseInput = v.InferInput<typeof RecordPurchaseSchema>

/** A coupon's code alone, as the till checks what was scanned or typed before looking it up. */
export const CouponCodeSchema = v.object({ code: couponCode })

/** A coupon by its code (scanned or typed), or by its id (one of the member's, listed by the scan): exactly one. */
const oneCoupon = <T extends { code?: string; couponId?: string }>(c: T) => (c.code === undefined) !== (c.couponId === undefined)

export const LookupCouponSchema = v.pipe(
  v.object({ code: v.optional(couponCode), couponId: v.optional(couponId), amountFen: v.optional(amountFen('金额')) }),
  v.forward(v.check(oneCoupon, '请扫描或输入券码'), ['code']),
)
export type LookupCouponInput = v.InferInput<typeof LookupCouponSchema>

export const RedeemGiftCouponSchema = v.object({ code: couponCode, requestId })
export type RedeemGiftCouponInput = v.InferInput<typeof RedeemGiftCouponSchema>

export const UndoCouponUseSchema = v.pipe(
  v.object({ code: v.optional(couponCode), couponId: v.optional(couponId) }),
  v.forward(v.check(oneCoupon, '请扫描或输入券码'), ['code']),
)
export type UndoCouponUseInput = v.InferInput<typeof UndoCouponUseSchema>

export const CorrectBirthdaySchema = v.object({
  memberCode,
  birthday: birthdaySchema,
  reason: v.pipe(plainText('修改原因', 100), v.minLength(4, '请写明修改原因（至少 4 个字）'), withoutMobile('修改原因')),
})
export type CorrectBirthdayInput = v.InferInput<typeof CorrectBirthdaySchema>

/** Staff's words about a member, optional: plain text without a phone number (withoutMobile). */
const optionalNote = (label: string, max: number) =>
  v.optional(
    v.pipe(
      v.string(`${label}必须是文字`),
      v.trim(),
      v.maxLength(max, `${label}最多 ${max} 个字`),
      v.regex(PLAIN_TEXT, `${label}含有不可见字符`),
      withoutMobile(label),
    ),
  )

export const CustomersSchema = v.object({
  search: customerSearch,
  offset: v.optional(int('分页', 0, 100_000), 0),
})
export type CustomersInput = v.InferInput<typeof CustomersSchema>

const businessDateText = (label: string) =>
  v.pipe(
    v.string(`请选择${label}`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`),
    v.check((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isBusinessDate(s), `${label}不存在（请检查月份和日期）`),
  )

export const LogCallbackSchema = v.object({
  memberCode,
  outcome: v.picklist(CALLBACK_OUTCOMES, '请选择回访结果'),
  note: v.optional(optionalNote('回访记录', 200), ''),
  /** The next callback's business date; omitted: the program's monthly rhythm. */
  nextDate: v.optional(businessDateText('下次回访日期')),
  requestId,
})
export type LogCallbackInput = v.InferInput<typeof LogCallbackSchema>

/** The customer's own assistant shows their full phone number to call them (logged: see staff.revealPhone). */
export const RevealPhoneSchema = v.object({ memberCode, requestId })
export type RevealPhoneInput = v.InferInput<typeof RevealPhoneSchema>

export const CustomerProfileSchema = v.object({
  ...sharedProfileFields,
  notes: optionalNote('备注', 500),
})

export const CustomerCardSchema = v.object({ memberCode, profile: CustomerProfileSchema })
export type CustomerCardInput = v.InferInput<typeof CustomerCardSchema>

export const ReassignSchema = v.object({
  memberCode,
  staffId: v.pipe(v.string('请选择导购'), v.regex(/^[A-Za-z0-9_-]{1,12}$/, '导购编号无效')),
})
export type ReassignInput = v.InferInput<typeof ReassignSchema>

/** A store manager resumes a till the brake on guessing paused (src/domain/codeGuard.ts). */
/** A paused till: an assistant's (their staff number) or a POS key's of the store (`pos:<key id>`, cloudfunctions/pos). */
export const ResumeTillSchema = v.object({
  staffId: v.pipe(v.string('请选择导购'), v.regex(/^([A-Za-z0-9_-]{1,12}|pos:pk_[0-9a-f]{16})$/, '导购编号无效')),
})
export type ResumeTillInput = v.InferInput<typeof ResumeTillSchema>

export const CallbackStatsSchema = v.object({
  month: v.optional(
    v.pipe(
      v.string('月份格式应为 YYYY-MM'),
      v.regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'),
      v.check((s) => !/^\d{4}-\d{2}$/.test(s) || (Number(s.slice(5)) >= 1 && Number(s.slice(5)) <= 12), '月份不存在'),
    ),
  ),
})
export type CallbackStatsInput = v.InferInput<typeof CallbackStatsSchema>
