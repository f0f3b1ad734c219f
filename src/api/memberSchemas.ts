/** Inputs of the `member` function (the join form is in joinSchema.ts, deletion in privacySchemas.ts). */
import * as v from 'valibot'
import { MOBILE_PATTERN } from '../domain/member'
import { birthdaySchema } from './fields'
import { catalogId, cursor, profileText, requestId, sharedProfileFields } from './sharedSchemas'

export const PointsHistorySchema = v.object({ cursor })
export type PointsHistoryInput = v.InferInput<typeof PointsHistorySchema>

/** `pickupStoreId`: where to collect a gift with per-store stock (default: the member's own store). */
export const ExchangeSchema = v.object({ itemId: catalogId, requestId, pickupStoreId: v.optional(catalogId) })
export type ExchangeInput = v.InferInput<typeof ExchangeSchema>

export const ClaimCampaignSchema = v.object({ campaignId: catalogId })
export type ClaimCampaignInput = v.InferInput<typeof ClaimCampaignSchema>

export const RecordSubscriptionSchema = v.object({
  template: v.picklist(['birthdayCoupon', 'eventReminder', 'waitlistPromoted'], '未知的订阅消息'),
  accepted: v.boolean('请说明是否同意'),
})
export type RecordSubscriptionInput = v.InferInput<typeof RecordSubscriptionSchema>

/** A delivery address: whom to, their phone, and where. All three, or none (null clears it). */
const deliveryAddressSchema = v.nullable(
  v.object(
    {
      recipient: profileText('收件人', 20, 1),
      phone: v.pipe(v.string('请填写收件人手机号'), v.trim(), v.regex(MOBILE_PATTERN, '请填写 11 位手机号')),
      address: profileText('收货地址', 120, 5),
    },
    '收货地址格式不对',
  ),
)

/** The kinds of messages a member wants (the subscribe consents themselves are WeChat's, asked per message). */
const messageKindsSchema = v.object(
  {
    newArrivals: v.boolean('请选择是否接收新品通知'),
    events: v.boolean('请选择是否接收活动通知'),
    birthday: v.boolean('请选择是否接收生日祝福'),
    pointsExpiry: v.boolean('请选择是否接收积分到期提醒'),
  },
  '消息偏好格式不对',
)

/**
 * The member's own edit of their profile: what is sent is replaced, what is not sent stays. The name is
 * required whenever sent; the birthday only as it already stands (set once at join; staff correct it).
 */
export const UpdateProfileSchema = v.object({
  name: v.optional(profileText('姓名', 20, 1)),
  birthday: v.optional(birthdaySchema),
  ...sharedProfileFields,
  deliveryAddress: v.optional(deliveryAddressSchema),
  messages: v.optional(messageKindsSchema),
})
export type UpdateProfileInput = v.InferInput<typeof UpdateProfileSchema>

export const ChangeStoreSchema = v.object({ storeId: v.pipe(v.string('请选择门店'), v.regex(/^[A-Za-z0-9_-]{1,40}$/, '门店编号无效')) })
export type ChangeStoreInput = v.InferInput<typeof ChangeStoreSchema>

/** A new number for the member: only WeChat's verified one (getPhoneNumber's one-time code), never a typed one. */
export const ChangeMobileSchema = v.object({
  phoneCode: v.pipe(v.string('手机号授权无效'), v.regex(/^[\w-]{1,128}$/, '手机号授权无效，请重新授权')),
})
export type ChangeMobileInput = v.InferInput<typeof ChangeMobileSchema>
