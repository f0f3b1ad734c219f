/**
 * The program rules as an operator submits them: every number an integer in a sane range, and the
 * cross-field rules a handbook takes for granted (gold above VIP, higher tiers never earn less, the
 * win-back thresholds in order). Money is fen, as everywhere; the editor shows yuan.
 */
import * as v from 'valibot'
import { boundedArray, int, PLAIN_TEXT, PROFILE_TEXT } from './fields'
import { requestId } from './sharedSchemas'

/** Up to ¥1,000,000. */
const fen = (label: string, min = 0) => int(label, min, 100_000_000)

const templateId = (label: string) => v.nullable(v.pipe(v.string(`${label}无效`), v.regex(/^[A-Za-z0-9_-]{1,80}$/, `${label}无效`)))

const ascending = <T extends number[]>(label: string) =>
  v.check<T, string>((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]), `${label}应逐级递增`)

const four = (label: string, max: number) =>
  v.pipe(
    v.strictTuple([int(label, 0, max), int(label, 0, max), int(label, 0, max), int(label, 0, max)], `${label}应为 4 个数`),
    ascending(label),
  )

const classRule = <N extends 'A' | 'B' | 'C'>(name: N) =>
  v.object({
    name: v.literal(name, `类别应为 ${name}`),
    minSpendFen: fen(`${name}类消费门槛`),
    minVisits: int(`${name}类到店次数`, 0, 10_000),
  })

const benefitWords = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(`${label}必须是文字`),
    v.trim(),
    v.minLength(min, `请填写${label}`),
    v.maxLength(max, `${label}最多 ${max} 个字`),
    v.regex(PROFILE_TEXT, `${label}不能含表情或特殊字符`),
  )

/** The handbook's service benefits: up to 12, each a title, a line more, and the tiers that enjoy it. */
export const ServiceBenefitsSchema = v.pipe(
  boundedArray(
    v.object({
      title: benefitWords('服务名称', 1, 16),
      detail: benefitWords('服务说明', 0, 40),
      tiers: v.pipe(
        boundedArray(v.picklist(['member', 'vip', 'gold'], '会员等级无效'), 3, '会员等级最多 3 个', '请选择享有的会员等级'),
        v.minLength(1, '请至少选择一个会员等级'),
        v.check((ts) => new Set(ts).size === ts.length, '会员等级重复'),
      ),
    }),
    12,
    '会员服务最多 12 项',
    '会员服务格式不对',
  ),
  v.check((bs) => new Set(bs.map((b) => b.title)).size === bs.length, '会员服务名称重复'),
)

export const ProgramRulesSchema = v.pipe(
  v.object({
    earning: v.object({
      pointsPer100YuanByTier: v.pipe(
        v.object({
          member: int('普通会员积分比例', 0, 1_000),
          vip: int('VIP积分比例', 0, 1_000),
          gold: int('金卡积分比例', 0, 1_000),
        }),
        // A higher tier never earns less.
        v.forward(
          v.check((r) => r.vip >= r.member, 'VIP积分比例不应低于普通会员'),
          ['vip'],
        ),
        v.forward(
          v.check((r) => r.gold >= r.vip, '金卡积分比例不应低于VIP'),
          ['gold'],
        ),
      ),
      birthdayMonthPercent: int('生日月积分倍数', 100, 500),
    }),
    vip: v.object({
      cumulativeFen: fen('累计消费升级门槛', 1),
      singlePurchaseFen: fen('单笔消费升级门槛', 1),
      validMonths: int('VIP有效期（月）', 1, 60),
      renewFen: fen('续期消费门槛'),
    }),
    gold: v.object({
      lifetimeFen: fen('金卡终身消费门槛', 1),
      keptWhenRefundsUnqualify: v.boolean('请选择退货后是否保留金卡'),
    }),
    expiry: v.object({ yearsAfterEarningYear: int('积分有效年数', 0, 10) }),
    /** Optional: an editor that does not send it keeps the list as it is. */
    serviceBenefits: v.optional(ServiceBenefitsSchema),
    coupons: v.object({ welcomeTemplateId: templateId('入会礼券'), birthdayTemplateId: templateId('生日券') }),
    referral: v.object({
      minPurchaseFen: fen('好友首单门槛'),
      inviterPoints: int('邀请奖励积分', 0, 100_000),
      inviteeCouponTemplateId: templateId('好友礼券'),
      monthlyCap: int('每月奖励上限', 0, 1_000),
      burstJoins: int('短时加入提醒人数', 2, 1_000),
      burstHours: int('短时加入时长（小时）', 1, 720),
    }),
    workbench: v.object({
      lapseWarningDays: int('到期提醒天数', 1, 365),
      winBackDays: v.pipe(
        v.strictTuple([int('未到店天数', 1, 3_650), int('未到店天数', 1, 3_650)], '未到店天数应为 2 个数'),
        ascending('未到店天数'),
      ),
      callbackEveryDays: int('回访间隔天数', 1, 365),
    }),
    segments: v.object({
      classes: v.pipe(
        v.strictTuple([classRule('A'), classRule('B'), classRule('C')], '客户分类应为 A、B、C 三级'),
        v.check(
          (cs) => cs[0].minSpendFen >= cs[1].minSpendFen && cs[1].minSpendFen >= cs[2].minSpendFen,
          'A类门槛应不低于B类，B类不低于C类',
        ),
      ),
      rfm: v.object({
        recencyDays: four('最近消费天数分档', 3_650),
        visits: four('消费次数分档', 10_000),
        spendFen: four('消费金额分档', 100_000_000),
      }),
    }),
  }),
  v.forward(
    v.check((r) => r.gold.lifetimeFen > r.vip.cumulativeFen, '金卡门槛应高于VIP累计门槛'),
    ['gold', 'lifetimeFen'],
  ),
  v.forward(
    v.check((r) => r.vip.singlePurchaseFen <= r.vip.cumulativeFen, '单笔门槛不应高于累计门槛'),
    ['vip', 'singlePurchaseFen'],
  ),
)

export const UpdateProgramSchema = v.object({
  /** The version the operator edited; a newer saved version refuses the save (VERSION_CONFLICT). */
  baseVersion: int('版本号', 1, 1_000_000),
  rules: ProgramRulesSchema,
  note: v.pipe(
    v.string('请写明修改原因'),
    v.trim(),
    v.minLength(4, '请写明修改原因（至少 4 个字）'),
    v.maxLength(200, '修改原因最多 200 字'),
    v.regex(PLAIN_TEXT, '修改原因含有不可见字符'),
  ),
  requestId,
})
export type UpdateProgramInput = v.InferInput<typeof UpdateProgramSchema>

export const ProgramHistorySchema = v.object({ before: v.optional(int('版本号', 1, 1_000_000)) })
export type ProgramHistoryInput = v.InferInput<typeof ProgramHistorySchema>
