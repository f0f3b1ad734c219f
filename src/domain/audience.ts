/**
 * Who a campaign's coupon is for. A top list (忠实户 / 主力户 / 大户) is fixed into a list of members when the
 * campaign is created, so the audience does not shift while coupons are being issued.
 */
import type { CustomerClass } from './segments'
import { TIER_NAMES, type TierId } from './program'

export type TopListName = 'loyal' | 'main' | 'big'

export const TOP_LIST_NAMES: Record<TopListName, string> = { loyal: '忠实户', main: '主力户', big: '大户' }
/** What each top list ranks by, in words. */
export const TOP_LIST_MEASURES: Record<TopListName, string> = { loyal: '到店次数最多', main: '消费金额最高', big: '毛利贡献最高' }

export type Audience =
  | { kind: 'all' }
  | { kind: 'tiers'; tiers: TierId[] }
  | { kind: 'store'; storeId: string }
  | { kind: 'list'; memberCodes: string[]; label?: string }
  | { kind: 'classes'; classes: CustomerClass[] }

/** What an operator picks; `top` becomes a `list` when the campaign is created. */
export type AudienceChoice = Audience | { kind: 'top'; list: TopListName; count: number }

export const topListLabel = (list: TopListName, count: number): string => `${TOP_LIST_NAMES[list]}前 ${count} 名`

export const audienceWords = (audience: AudienceChoice): string => {
  switch (audience.kind) {
    case 'all':
      return '全部会员'
    case 'tiers':
      return audience.tiers.map((t) => TIER_NAMES[t]).join('、')
    case 'store':
      return `门店 ${audience.storeId} 的会员`
    case 'list':
      return audience.label ? `${audience.label}（${audience.memberCodes.length} 人）` : `名单 ${audience.memberCodes.length} 人`
    case 'classes':
      return `${audience.classes.join('、')} 类客户`
    case 'top':
      return topListLabel(audience.list, audience.count)
  }
}

/**
 * What places a member in an audience: the tier they hold now, their home store, their member number, and the
 * class the nightly segments job last stored for them (null before it has run for them).
 */
export interface AudienceFacts {
  tier: TierId
  storeId: string | null
  memberNo: string
  customerClass: CustomerClass | null
}

/** Whether a member is in a (fixed) audience: claim campaigns are listed and claimable only within it. */
export const inAudience = (audience: Audience, member: AudienceFacts): boolean => {
  switch (audience.kind) {
    case 'all':
      return true
    case 'tiers':
      return audience.tiers.includes(member.tier)
    case 'store':
      return member.storeId !== null && member.storeId === audience.storeId
    case 'list':
      return audience.memberCodes.includes(member.memberNo)
    case 'classes':
      return member.customerClass !== null && audience.classes.includes(member.customerClass)
  }
}

/** Whether deciding `inAudience` needs the member's stored class (one more read). */
export const needsClass = (audience: Audience): boolean => audience.kind === 'classes'
