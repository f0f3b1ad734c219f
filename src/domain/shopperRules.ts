/**
 * The program rules as a shopper's phone gets them with the card (member.getCard): what the card and points pages
 * read, no more. The tier progress needs the VIP and gold thresholds, the invite row the inviter's reward, the
 * points page the expiry rule. The referral fraud checks (monthly cap, burst of joins), the customer-class and RFM
 * thresholds, the workbench's windows and the coupon template ids stay on the server.
 */
import type { ProgramRules, ReferralRules } from './program'

export interface ShopperRules {
  vip: Pick<ProgramRules['vip'], 'cumulativeFen' | 'singlePurchaseFen' | 'validMonths' | 'renewFen'>
  gold: Pick<ProgramRules['gold'], 'lifetimeFen'>
  referral: Pick<ReferralRules, 'inviterPoints'>
  expiry: Pick<ProgramRules['expiry'], 'yearsAfterEarningYear'>
}

/** The shopper's view of the rules: each field picked by name, so a rule added later is not sent until chosen here. */
export const shopperRules = (rules: ProgramRules): ShopperRules => ({
  vip: {
    cumulativeFen: rules.vip.cumulativeFen,
    singlePurchaseFen: rules.vip.singlePurchaseFen,
    validMonths: rules.vip.validMonths,
    renewFen: rules.vip.renewFen,
  },
  gold: { lifetimeFen: rules.gold.lifetimeFen },
  referral: { inviterPoints: rules.referral.inviterPoints },
  expiry: { yearsAfterEarningYear: rules.expiry.yearsAfterEarningYear },
})

/**
 * The rules as the member handbook (member.handbook) publishes them to anyone who opens it: the card's view plus the
 * earning rates, the referral terms a member is told (first purchase, inviter's points, monthly cap) and the service
 * benefits — the rules under HANDBOOK_RULE_PREFIXES that the handbook's text reads. The fraud checks' burst
 * thresholds, segments, workbench windows and template ids stay on the server (the gifts travel as words).
 */
export interface HandbookRules extends Omit<ShopperRules, 'referral'> {
  earning: ProgramRules['earning']
  referral: Pick<ReferralRules, 'inviterPoints' | 'minPurchaseFen' | 'monthlyCap'>
  serviceBenefits: ProgramRules['serviceBenefits']
}

export const handbookRules = (rules: ProgramRules): HandbookRules => ({
  ...shopperRules(rules),
  earning: {
    pointsPer100YuanByTier: { ...rules.earning.pointsPer100YuanByTier },
    birthdayMonthPercent: rules.earning.birthdayMonthPercent,
  },
  referral: {
    inviterPoints: rules.referral.inviterPoints,
    minPurchaseFen: rules.referral.minPurchaseFen,
    monthlyCap: rules.referral.monthlyCap,
  },
  serviceBenefits: rules.serviceBenefits.map(({ title, detail, tiers }) => ({ title, detail, tiers: [...tiers] })),
})
