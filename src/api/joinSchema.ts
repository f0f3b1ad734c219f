/** The shopper's join form: the one input schema the main package needs (see schemas.ts for the rest). */
import * as v from 'valibot'
import { MOBILE_PATTERN } from '../domain/member'
import { SCENE_MAX_LENGTH } from '../domain/scene'
import { birthdaySchema, plainText } from './fields'

export const JoinSchema = v.object({
  name: plainText('姓名', 20),
  mobile: v.pipe(v.string('请填写手机号'), v.trim(), v.regex(MOBILE_PATTERN, '请填写 11 位手机号')),
  birthday: birthdaySchema,
  consent: v.object(
    {
      accepted: v.literal(true, '请阅读并同意隐私政策'),
      version: v.pipe(v.string(), v.maxLength(32)),
    },
    '请阅读并同意隐私政策',
  ),
  /** The store QR's scene, as WeChat handed it to the page (URL-encoded). */
  scene: v.optional(v.pipe(v.string(), v.maxLength(SCENE_MAX_LENGTH * 3, '门店二维码无效'))),
  /** A friend's referral code, from their share link (`ref=`) or poster scene (`r=CODE`). */
  referral: v.optional(v.pipe(v.string(), v.maxLength(SCENE_MAX_LENGTH * 3, '邀请码无效'))),
})
export type JoinInput = v.InferInput<typeof JoinSchema>
