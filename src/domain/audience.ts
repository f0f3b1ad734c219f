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
