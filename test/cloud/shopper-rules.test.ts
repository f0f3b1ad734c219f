/**
 * The rules a shopper's phone gets with the card: what the card and points pages read (VIP and gold thresholds,
 * the inviter's reward, the expiry rule), and none of what the server keeps to itself — the referral fraud checks,
 * the customer-class and RFM thresholds, the workbench's windows, the coupon template ids.
 */
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import type { ProgramRules } from '../../src/domain/program'
import { handbookRules, shopperRules } from '../../src/domain/shopperRules'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

/** Every key path of a value, "referral.monthlyCap" style. */
const paths = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...paths(inner, `${prefix}${key}.`)])
    : []

describe('the rules on the shopper’s card', () => {
  it('carry the thresholds the card reads and no fraud, segment or workbench thresholds', async () => {
    const { openid } = await h.joinedShopper('card-rules')
    const card = await h.ok(openid, 'member', 'getCard', {})
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})

    expect(card.program).toEqual(shopperRules(rules))
    const sent = paths(card.program)
    for (const kept of [
      'referral.monthlyCap',
      'referral.burstJoins',
      'referral.burstHours',
      'referral.minPurchaseFen',
      'referral.inviteeCouponTemplateId',
      'segments',
      'workbench',
      'coupons',
      'earning',
      'serviceBenefits',
      'gold.keptWhenRefundsUnqualify',
    ]) {
      expect(sent).not.toContain(kept)
    }
    expect(sent.sort()).toEqual(
      [
        'expiry',
        'expiry.yearsAfterEarningYear',
        'gold',
        'gold.lifetimeFen',
        'referral',
        'referral.inviterPoints',
        'vip',
        'vip.cumulativeFen',
        'vip.renewFen',
        'vip.singlePurchaseFen',
        'vip.validMonths',
      ].sort(),
    )
  })

  it('follow an operator’s change to what the card shows, and still leave the fraud thresholds out', async () => {
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const { version: _version, ...editable }: ProgramRules = rules
    await h.ok(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
      baseVersion: rules.version,
      rules: { ...editable, referral: { ...rules.referral, inviterPoints: 300, burstJoins: 3 } },
      note: '邀请奖励提高到 300 积分',
      requestId: `shopper-rules-${Date.now()}`,
    })
    const { openid } = await h.joinedShopper('card-rules-after')
    const card = await h.ok(openid, 'member', 'getCard', {})
    expect(card.program.referral).toEqual({ inviterPoints: 300 })
  })
})

describe('the rules in the member handbook', () => {
  it('publish the earning rates, referral terms and services, and no fraud, segment or workbench thresholds', async () => {
    const view = await h.ok('handbook-reader', 'member', 'handbook', {})
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    expect(view.rules).toEqual(handbookRules(rules))
    const sent = paths(view.rules)
    for (const published of ['earning.birthdayMonthPercent', 'referral.minPurchaseFen', 'referral.monthlyCap', 'vip.renewFen'])
      expect(sent).toContain(published)
    expect(view.rules.serviceBenefits.length).toBeGreaterThan(0)
    for (const kept of [
      'referral.burstJoins',
      'referral.burstHours',
      'referral.inviteeCouponTemplateId',
      'segments',
      'workbench',
      'coupons',
      'version',
    ])
      expect(sent).not.toContain(kept)
  })
})
