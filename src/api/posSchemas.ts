/**
 * Inputs of the till and ERP API (cloud function `pos`): the JSON bodies of its endpoints, checked at the edge so
 * every bad field is reported at once; and of the `setup` actions that manage its keys.
 */
import * as v from 'valibot'
import { MAX_SALE_LINES, POS_KEY_ID } from '../domain/pos'
import { boundedArray, plainText } from './fields'
import { amountFen, couponCode, dynamicCode, orderNo } from './staffSchemas'
import { storeIdCode } from './storeAdminSchemas'

const fen = (label: string, min: number) =>
  v.pipe(
    v.number(`${label}必须是数字`),
    v.integer(`${label}必须是整数（分）`),
    v.minValue(min, `${label}不能小于 ${min}`),
    v.maxValue(10_000_000, `${label}超过上限 ¥100,000`),
  )

const saleLine = v.strictObject(
  {
    sku: v.pipe(v.string('sku 必须是文字'), v.trim(), v.regex(/^[A-Za-z0-9._\-/]{1,40}$/, 'sku 应为 1–40 位字母、数字或 . _ - /')),
    name: plainText('商品名称', 60),
    qty: v.pipe(
      v.number('数量必须是数字'),
      v.integer('数量必须是整数'),
      v.minValue(1, '数量至少为 1'),
      v.maxValue(9999, '数量不能超过 9999'),
    ),
    unitPriceFen: fen('单价', 0),
    costFen: v.optional(fen('成本', 0)),
  },
  '商品明细的字段为 sku、name、qty、unitPriceFen、costFen',
)

export const saleLines = boundedArray(saleLine, MAX_SALE_LINES, `商品明细最多 ${MAX_SALE_LINES} 行`, '商品明细必须是数组')

/** What a till may scan for a purchase: the dynamic code (18 digits), or the member number (11) with that member's coupon. */
const purchaseMemberCode = v.pipe(
  v.string('会员码必须是文字'),
  v.transform((s) => s.replace(/\s+/g, '')),
  v.regex(/^(\d{11}|\d{18})$/, '会员码应为 18 位动态码或 11 位会员号'),
)

const instant = v.pipe(
  v.string('时间应为 ISO 8601 时刻，如 2026-12-01T10:00:00+08:00'),
  v.check(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && Number.isFinite(Date.parse(s)),
    '时间应为 ISO 8601 时刻，如 2026-12-01T10:00:00+08:00',
  ),
)

/** `POST /pos/v1/purchases`. Unknown fields are refused (a typo must not pass silently). */
export const PosPurchaseSchema = v.pipe(
  v.strictObject(
    {
      orderNo,
      memberCode: v.optional(purchaseMemberCode),
      amountFen: amountFen('金额'),
      lines: v.optional(saleLines),
      couponCode: v.optional(couponCode),
      paidAt: v.optional(instant),
    },
    '请求体的字段为 orderNo、memberCode、amountFen、lines、couponCode、paidAt',
  ),
  v.forward(
    v.check((p) => p.couponCode === undefined || p.memberCode !== undefined, '使用优惠券须同时提供会员码'),
    ['couponCode'],
  ),
  v.forward(
    v.check(
      (p) => p.memberCode === undefined || p.memberCode.length === 18 || p.couponCode !== undefined,
      '请扫描顾客会员卡上的动态会员码（18 位）',
    ),
    ['memberCode'],
  ),
)
export type PosPurchaseInput = v.InferOutput<typeof PosPurchaseSchema>

const refundNo = v.pipe(v.string('请填写退款单号'), v.trim(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, '退款单号应为 1–32 位字母、数字、- 或 _'))

/** `POST /pos/v1/refunds`. */
export const PosRefundSchema = v.strictObject(
  { orderNo, refundNo, amountFen: amountFen('退款金额'), lines: v.optional(saleLines) },
  '请求体的字段为 orderNo、refundNo、amountFen、lines',
)
export type PosRefundInput = v.InferOutput<typeof PosRefundSchema>

/** `GET /pos/v1/members/{code}`: the dynamic code the shopper's phone shows. */
export const PosLookupSchema = v.object({ code: dynamicCode })

export const CreatePosKeySchema = v.object({ storeId: storeIdCode, label: plainText('名称', 20) })
export type CreatePosKeyInput = v.InferInput<typeof CreatePosKeySchema>

export const ListPosKeysSchema = v.object({ storeId: v.optional(storeIdCode) })
export type ListPosKeysInput = v.InferInput<typeof ListPosKeysSchema>

export const PosKeyIdSchema = v.object({ keyId: v.pipe(v.string('请选择密钥'), v.regex(POS_KEY_ID, '密钥编号无效')) })
export type PosKeyIdInput = v.InferInput<typeof PosKeyIdSchema>
