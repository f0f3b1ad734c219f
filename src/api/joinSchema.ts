/** The shopper's join form: the one input schema the main package needs (see schemas.ts for the rest). */
import * as v from 'valibot'
import { MOBILE_PATTERN } from '../domain/member'
import { SCENE_MAX_LENGTH } from '../domain/scene'
import { birthdaySchema, PLAIN_TEXT } from './fields'

const NAME_MAX = 20

export const JoinSchema = v.pipe(
  v.object({
    /**
     * Optional: WeChat gives no name without the shopper's own tap, and a join should need no typing. Left out
     * (or blank), the member is called 会员 and the card number's last four (unnamedMemberName).
     */
    name: v.optional(
      v.pipe(
        v.string('称呼必须是文字'),
        v.trim(),
        v.maxLength(NAME_MAX, `称呼最多 ${NAME_MAX} 个字`),
        v.regex(PLAIN_TEXT, '称呼含有不可见字符'),
      ),
      '',
    ),
    /** A typed number: kept as unverified. Exactly one of `mobile` and `phoneCode`. */
    mobile: v.optional(v.pipe(v.string('请填写手机号'), v.trim(), v.regex(MOBILE_PATTERN, '请填写 11 位手机号'))),
    /**
     * The one-time code of `<button open-type="getPhoneNumber">`: the function exchanges it for the number WeChat
     * verified (phonenumber.getPhoneNumber). WeChat documents no format; its codes are 32–64 letters and digits.
     */
    phoneCode: v.optional(v.pipe(v.string('手机号授权无效'), v.regex(/^[\w-]{1,128}$/, '手机号授权无效，请重新授权'))),
    birthday: birthdaySchema,
    consent: v.object(
      {
        accepted: v.literal(true, '请阅读并同意会员协议和隐私政策'),
        version: v.pipe(v.string(), v.maxLength(32)),
      },
      '请阅读并同意会员协议和隐私政策',
    ),
    /** The store QR's scene, as WeChat handed it to the page (URL-encoded). */
    scene: v.optional(v.pipe(v.string(), v.maxLength(SCENE_MAX_LENGTH * 3, '门店二维码无效'))),
    /** A friend's referral code, from their share link (`ref=`) or poster scene (`r=CODE`). */
    referral: v.optional(v.pipe(v.string(), v.maxLength(SCENE_MAX_LENGTH * 3, '邀请码无效'))),
  }),
  v.forward(
    v.check((j) => (j.mobile === undefined) !== (j.phoneCode === undefined), '请填写 11 位手机号'),
    ['mobile'],
  ),
)
export type JoinInput = v.InferInput<typeof JoinSchema>

/** The store QR's public face for the join page (member.joinOffer): the scene as the page got it. */
export const JoinOfferSchema = v.object({ scene: v.optional(v.pipe(v.string(), v.maxLength(SCENE_MAX_LENGTH * 3, '门店二维码无效'))) })
export type JoinOfferInput = v.InferInput<typeof JoinOfferSchema>
