/**
 * Inputs of the operators' desk for offers (优惠券模板 and 积分商城, in the `ops` function): the two lists, and
 * saving, retiring and reactivating templates and catalog items. One save action creates (keyed by the request
 * id, which becomes part of the new id) or edits (naming the id and the revision the operator loaded).
 */
import * as v from 'valibot'
import { imageFileIdPattern } from '../domain/images'
import { boundedArray, int, PLAIN_TEXT, plainText } from './fields'
import { listInput } from './lists'
import { catalogId, instant, requestId, tierList } from './sharedSchemas'

const TIERS = ['member', 'vip', 'gold'] as const

/** Optional words (a note, a description): may be empty, never invisible characters. */
const optionalText = (label: string, max: number) =>
  v.pipe(
    v.string(`${label}必须是文字`),
    v.trim(),
    v.maxLength(max, `${label}最多 ${max} 个字`),
    v.regex(PLAIN_TEXT, `${label}含有不可见字符`),
  )

/** Title search: part of a title, any case. */
export const titleSearch = v.optional(
  v.pipe(v.string('搜索必须是文字'), v.trim(), v.maxLength(30, '搜索最多 30 个字'), v.regex(PLAIN_TEXT, '搜索含有不可见字符')),
)

/** Each tier once, at least one. */
const tiersToPick = v.pipe(
  tierList,
  v.minLength(1, '至少选择一个等级'),
  v.check((tiers) => new Set(tiers).size === tiers.length, '等级不能重复'),
)

/** Null = unlimited. */
const stockTotal = (label: string) => v.nullable(int(label, 0, 10_000_000))

/** An edit names what it edits and the revision it was made on; a create names neither. */
const BOTH_OR_NEITHER = (label: string) => `修改${label}须同时提供编号和版本号`

// ---------------------------------------------------------------------------------------------------------
// Coupon templates

const benefit = v.variant(
  'kind',
  [
    /** percentOff 30 = 30% off = 7折. */
    v.object({ kind: v.literal('percentOff'), percentOff: int('优惠比例', 1, 99) }),
    v.pipe(
      v.object({
        kind: v.literal('amountOff'),
        amountOffFen: int('减免金额（分）', 1, 10_000_000),
        minSpendFen: int('使用门槛（分）', 0, 100_000_000),
      }),
      v.forward(
        v.check((b) => b.minSpendFen === 0 || b.amountOffFen < b.minSpendFen, '减免金额应小于使用门槛'),
        ['amountOffFen'],
      ),
    ),
    v.object({ kind: v.literal('gift'), giftName: plainText('礼品名称', 30) }),
  ],
  '请选择券类型',
)

const validity = v.variant(
  'kind',
  [
    v.pipe(
      v.object({ kind: v.literal('fixed'), from: instant('生效时间'), until: instant('失效时间') }),
      v.forward(
        v.check((w) => !(Date.parse(w.from) >= Date.parse(w.until)), '失效时间应晚于生效时间'),
        ['until'],
      ),
    ),
    v.object({ kind: v.literal('daysFromIssue'), days: int('有效天数', 1, 3650) }),
    v.object({ kind: v.literal('birthdayMonth') }),
  ],
  '请选择有效期类型',
)

export const SaveCouponTemplateSchema = v.pipe(
  v.object({
    requestId,
    /** Edit: the template and the revision the operator loaded (else another's save in between is refused). */
    templateId: v.optional(catalogId),
    revision: v.optional(int('版本号', 1, 100_000_000)),
    title: plainText('券名称', 30),
    note: optionalText('使用说明', 200),
    benefit,
    validity,
    tiers: tiersToPick,
    stockTotal: stockTotal('发放总量'),
    combinesWithVipPrice: v.boolean('请选择是否可与VIP价同享'),
  }),
  v.forward(
    v.check((i) => (i.templateId === undefined) === (i.revision === undefined), BOTH_OR_NEITHER('券模板')),
    ['revision'],
  ),
)
export type SaveCouponTemplateInput = v.InferInput<typeof SaveCouponTemplateSchema>

export const RetireCouponTemplateSchema = v.object({
  templateId: catalogId,
  /** Yes to retiring a template that catalog items, live campaigns or the rules still issue (IN_USE names them). */
  acknowledgeInUse: v.optional(v.boolean('请确认是否停用'), false),
})
export type RetireCouponTemplateInput = v.InferInput<typeof RetireCouponTemplateSchema>

export const CouponTemplateIdSchema = v.object({ templateId: catalogId })
export type CouponTemplateIdInput = v.InferInput<typeof CouponTemplateIdSchema>

export const COUPON_TEMPLATE_SORTS = ['createdAt', 'title'] as const
export const ListCouponTemplatesSchema = listInput(
  v.object({
    active: v.optional(v.boolean('请选择启用或停用')),
    kind: v.optional(v.picklist(['percentOff', 'amountOff', 'gift'], '请选择券类型')),
    tier: v.optional(v.picklist(TIERS, '请选择等级')),
    search: titleSearch,
  }),
  COUPON_TEMPLATE_SORTS,
)
export type ListCouponTemplatesInput = v.InferInput<typeof ListCouponTemplatesSchema>

// ---------------------------------------------------------------------------------------------------------
// Catalog items

const storeStock = v.nullable(
  v.pipe(
    boundedArray(
      v.object({
        storeId: v.pipe(v.string('门店编号无效'), v.regex(/^[A-Za-z0-9_-]{1,80}$/, '门店编号无效')),
        total: int('门店库存', 0, 10_000_000),
      }),
      500,
      '最多 500 家门店',
      '门店库存格式不对',
    ),
    v.minLength(1, '按门店分配时至少填写一家门店'),
    v.check((rows) => new Set(rows.map((r) => r.storeId)).size === rows.length, '同一门店只能填写一次'),
  ),
)

export const SaveCatalogItemSchema = v.pipe(
  v.object({
    requestId,
    itemId: v.optional(catalogId),
    revision: v.optional(int('版本号', 1, 100_000_000)),
    title: plainText('商品名称', 30),
    description: optionalText('商品介绍', 200),
    // An uploaded picture's fileID (images/catalog/), never a link: the function checks it exists and links it.
    image: v.union(
      [v.literal(''), v.pipe(v.string(), v.maxLength(300), v.regex(imageFileIdPattern('catalog'), '商品图片无效，请重新上传'))],
      '商品图片无效，请重新上传',
    ),
    pointsPrice: int('所需积分', 1, 1_000_000),
    templateId: catalogId,
    tiers: tiersToPick,
    perMemberLimit: v.nullable(int('每人限兑', 1, 1_000)),
    earlyAccess: v.nullable(v.object({ opensAt: instant('开放兑换时间'), vipDays: int('VIP提前天数', 0, 30) }, '提前兑换设置格式不对')),
    sort: int('排序', 0, 1_000_000),
    stockTotal: stockTotal('总库存'),
    storeStock,
  }),
  v.forward(
    v.check((i) => (i.itemId === undefined) === (i.revision === undefined), BOTH_OR_NEITHER('商品')),
    ['revision'],
  ),
)
export type SaveCatalogItemInput = v.InferInput<typeof SaveCatalogItemSchema>

export const CatalogItemIdSchema = v.object({ itemId: catalogId })
export type CatalogItemIdInput = v.InferInput<typeof CatalogItemIdSchema>

export const CATALOG_ITEM_SORTS = ['sort', 'pointsPrice', 'title'] as const
export const ListCatalogItemsSchema = listInput(
  v.object({
    active: v.optional(v.boolean('请选择上架或下架')),
    tier: v.optional(v.picklist(TIERS, '请选择等级')),
    /** true: items with VIP early access; false: items open to all at once. */
    earlyAccess: v.optional(v.boolean('请选择是否提前兑换')),
    search: titleSearch,
  }),
  CATALOG_ITEM_SORTS,
)
export type ListCatalogItemsInput = v.InferInput<typeof ListCatalogItemsSchema>
