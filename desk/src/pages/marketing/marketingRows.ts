/**
 * The 营销 tables' rows, apart from React: campaigns as the desk lists them (a page of `ops.listCampaigns` with each
 * one's state in words), and the month's message figures with their totals.
 */
import type { CampaignFigures, MessageFigures, OpsCampaignRow, OpsCampaignView } from '../../../../src/api/contract'
import type { SubscriptionKind } from '../../../../src/domain/member'
import { businessTime, type Instant } from '../../../../src/domain/time'
import { pageOf } from '../../lists/pageOf'

export { pageOf }

/** How a campaign stands now: ended by an operator or by its last day, still issuing, not yet open, or open. */
export type CampaignState = 'upcoming' | 'open' | 'issuing' | 'ended'

export const CAMPAIGN_STATE_WORDS: Record<CampaignState, string> = {
  upcoming: '未开始',
  open: '进行中',
  issuing: '发放中',
  ended: '已结束',
}

/** VIPs open `vipEarlyDays` before everyone (claim campaigns): the campaign has started once the first may claim. */
export const campaignState = (c: OpsCampaignView, now: Instant): CampaignState => {
  if (c.status === 'closed' || Date.parse(c.endsAt) <= Date.parse(now)) return 'ended'
  if (c.status === 'issuing') return 'issuing'
  const firstOpen = Date.parse(c.opensAt) - (c.mode === 'claim' ? c.vipEarlyDays : 0) * 86_400_000
  return firstOpen > Date.parse(now) ? 'upcoming' : 'open'
}

export interface CampaignFilter {
  /** true: not ended; false: ended; absent: all. */
  active?: boolean
  search?: string
}

export interface CampaignRow extends OpsCampaignRow {
  state: CampaignState
  /** Coupons out (claimed or issued) and the audience now; null until the figures come. */
  figures: Omit<CampaignFigures, 'campaignId'> | null
}

/** A page's campaigns with their state as of the server's time (the time the list's state filter was read at). */
export const campaignRows = (campaigns: OpsCampaignRow[], now: Instant): CampaignRow[] =>
  campaigns.map((c) => ({ ...c, state: campaignState(c, now), figures: null }))

/** "2026-12-01 10:00 起 · 2026-12-31 止" in business time: the opening minute and the last day (inclusive). */
export const windowText = (c: Pick<OpsCampaignView, 'opensAt' | 'endsAt'>): { opens: string; lastDay: string } => ({
  opens: businessTime(c.opensAt).format('YYYY-MM-DD HH:mm'),
  lastDay: businessTime(c.endsAt).subtract(1, 'millisecond').format('YYYY-MM-DD'),
})

export const MESSAGE_KIND_WORDS: Record<SubscriptionKind, string> = {
  birthdayCoupon: '生日礼券到账',
  eventReminder: '活动开始提醒',
  waitlistPromoted: '候补成功通知',
}

export interface MessageRow extends Omit<MessageFigures, 'kind'> {
  key: SubscriptionKind | 'total'
  name: string
  /** Delivered of sent, "92.3%"; "—" when nothing was sent. */
  deliveredRate: string
}

const rate = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—')

/**
 * The month's figures per kind and a 合计 row. Members reached are counted per kind: one member may have had two
 * kinds, so the total row shows no sum for them ("—") rather than one that may count a member twice.
 */
export const messageRows = (kinds: MessageFigures[]): (MessageRow & { reachedText: string })[] => {
  const rows = kinds.map((k) => ({
    ...k,
    key: k.kind,
    name: MESSAGE_KIND_WORDS[k.kind],
    deliveredRate: rate(k.delivered, k.sent),
    reachedText: String(k.reached),
  }))
  const sum = (f: keyof Omit<MessageFigures, 'kind'>) => kinds.reduce((n, k) => n + k[f], 0)
  const total = {
    key: 'total' as const,
    name: '合计',
    sent: sum('sent'),
    delivered: sum('delivered'),
    refused: sum('refused'),
    failed: sum('failed'),
    noConsent: sum('noConsent'),
    reached: sum('reached'),
    deliveredRate: rate(sum('delivered'), sum('sent')),
    reachedText: '—',
  }
  return [...rows, total]
}

/** The business month an instant falls in, "2026-12". */
export const businessMonth = (at: Instant): string => businessTime(at).format('YYYY-MM')
