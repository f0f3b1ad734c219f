import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { CardCounts, CardView, CouponView, MemberView, SubscribeTemplates } from '../../api/contract'
import { cardNotices, type CardNotices } from '../../domain/cardBanner'
import { AppError } from '../../domain/errors'
import type { PointBatch } from '../../domain/points'
import { pointsAt } from '../../wording/points'
import type { TierId } from '../../domain/program'
import { effectiveTier, tierProgress, type TierProgress } from '../../domain/tiers'
import { callCloud, messageOf } from '../../services/cloud'
import {
  forgetCard,
  keepCard,
  keepSecret,
  keptCard,
  keptSecret,
  offsetFrom,
  secretFits,
  updateOffset,
  type KeptSecret,
} from '../../services/memberCodeStore'
import { businessDate, type Instant } from '../../domain/time'
import { dateText } from '../../wording/dates'
import { rememberSubscribeTemplates } from '../../services/subscribeTemplates'
import { couponUrl, ROUTES } from '../../routes'

export type CardState =
  | { status: 'loading' }
  | {
      status: 'ready'
      member: MemberView
      tier: TierId
      progress: TierProgress
      /** Usable now: batches past their expiry do not count even before the expiry job has run. */
      points: number
      /** The next batch to expire, whatever its date; null when nothing will (the page warns inside 90 days). */
      expiring: PointBatch | null
      /** The server's time the card was read at (as last known, offline): what "inside 90 days" counts from. */
      asOf: Instant
      /** This month's birthday card while it can still be used; null otherwise (used ones are not shown). */
      birthdayCoupon: CouponView | null
      subscribeTemplates: SubscribeTemplates
      /** What inviting a friend earns (the program's rule), for the invite row. */
      inviterPoints: number
      /** Usable coupons and upcoming events for the quick actions; null from a server or a kept card without them. */
      counts: CardCounts | null
      /** Shown from the phone's last copy with no network: when the server last said so, and its clock's offset. */
      offline: { savedAt: Instant; offsetMs: number } | null
    }
  | { status: 'failed'; message: string }

/** The member code as the card draws it: made on the phone from the kept secret, on the server's time. */
export interface CodeState {
  secret: string | null
  offsetMs: number
}

const readyState = (
  { member, program, serverTime, birthdayCoupon, subscribeTemplates, counts }: CardView,
  offline: { savedAt: Instant; offsetMs: number } | null,
  now: Instant = serverTime,
): CardState => ({
  status: 'ready',
  member,
  tier: effectiveTier(member, now),
  progress: tierProgress(member, program, now),
  ...pointsAt(member, now),
  asOf: now,
  birthdayCoupon: birthdayCoupon?.status === 'available' ? birthdayCoupon : null,
  subscribeTemplates,
  inviterPoints: program.referral.inviterPoints,
  counts: counts ?? null,
  offline,
})

/** "离线 · 会员卡更新于 14:05" (another day: "离线 · 会员卡更新于 11月22日 14:05"), in business time. */
export const offlineWording = (savedAt: Instant, now: Instant): string => {
  const sameDay = businessDate(savedAt) === businessDate(now)
  return `离线 · 会员卡更新于 ${dateText(savedAt, sameDay ? 'clock' : 'nearTime')}`
}

const codeOf = (kept: KeptSecret | null): CodeState => ({ secret: kept?.secret ?? null, offsetMs: kept?.offsetMs ?? 0 })

/** The last card this phone kept, on the server's time as last known; loading when there is none. */
const keptCardState = (): CardState => {
  const kept = keptCard()
  return kept ? readyState(kept.card, null, new Date(Date.now() + kept.offsetMs).toISOString()) : { status: 'loading' }
}

/** The kept code secret, if it belongs to the kept card's member. */
const keptCode = (): CodeState => {
  const kept = keptCard()
  const secret = keptSecret()
  return codeOf(kept && secretFits(secret, kept.card.member.memberNo, undefined) ? secret : null)
}

/**
 * The shopper's card, one call, read on every show (points change at the till while the app sits in the
 * background). Tier, progress and expiry use the server's clock, so a phone with a wrong date reads the same.
 * The member code needs no network: its secret is asked for once per install (again only when the card says
 * it was reset elsewhere) and kept; with no network the page shows the last card it kept, marked offline.
 */
export const useCard = () => {
  // Cache-first: the page's very first render draws the last card this phone kept (with its code) while the
  // network answers; the answer then replaces it. A slow network no longer holds the card behind a spinner.
  const [state, setState] = useState<CardState>(keptCardState)
  const [code, setCode] = useState<CodeState>(keptCode)
  const [resetting, setResetting] = useState(false)
  /** Just joined: the moment to offer the birthday-coupon reminder. */
  const justJoined = useRouter().params.joined === '1'

  /** The kept secret if it fits this member and version, else a new delivery (no network: none yet). */
  const ensureSecret = async (card: CardView) => {
    const kept = keptSecret()
    if (secretFits(kept, card.member.memberNo, card.codeVersion)) return setCode(codeOf(updateOffset(kept, offsetFrom(card.serverTime))))
    setCode(codeOf(null))
    try {
      setCode(codeOf(keepSecret(await callCloud('member', 'codeSecret', {}))))
    } catch {
      // The next show (or pull to refresh) asks again.
    }
  }

  const load = useCallback(async () => {
    let card: CardView
    try {
      card = await callCloud('member', 'getCard', {})
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        forgetCard()
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      const kept = error instanceof AppError && error.code === 'INTERNAL' ? keptCard() : null
      if (!kept) return setState({ status: 'failed', message: messageOf(error) })
      // No network (or no server): the last card, on the server's time as last known, and the kept code.
      const secret = keptSecret()
      setCode(codeOf(secretFits(secret, kept.card.member.memberNo, undefined) ? secret : null))
      setState(
        readyState(kept.card, { savedAt: kept.savedAt, offsetMs: kept.offsetMs }, new Date(Date.now() + kept.offsetMs).toISOString()),
      )
      return
    }
    rememberSubscribeTemplates(card.subscribeTemplates)
    keepCard(card)
    setState(readyState(card, null))
    await ensureSecret(card)
  }, [])

  /** Lost phone: a new secret here; codes on the old phone (and its screenshots) stop working at once. */
  const resetCode = async () => {
    if (resetting) return
    const { confirm } = await Taro.showModal({
      title: '重置会员码',
      content: '手机丢失或更换时使用。重置后，其他手机上的会员码和截图将立即失效。',
      confirmText: '重置',
    })
    if (!confirm) return
    setResetting(true)
    try {
      setCode(codeOf(keepSecret(await callCloud('member', 'resetMemberCode', {}))))
      void Taro.showToast({ title: '会员码已重置', icon: 'success' })
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' })
    } finally {
      setResetting(false)
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  /** One banner under the card, and the expiry line on its face only when the banner is the birthday card. */
  const notices: CardNotices =
    state.status === 'ready'
      ? cardNotices(
          { birthdayCouponUsable: state.birthdayCoupon !== null, nextExpiring: state.expiring, offerReminder: justJoined },
          state.asOf,
        )
      : { banner: null, faceExpiry: null }

  const retry = () => {
    setState({ status: 'loading' })
    void load()
  }
  const open = (url: string) => () => void Taro.navigateTo({ url })
  return {
    state,
    notices,
    code,
    resetCode: () => void resetCode(),
    resetting,
    retry,
    justJoined,
    openPointsHistory: open(ROUTES.points),
    openCoupons: open(ROUTES.coupons),
    openCatalog: open(ROUTES.catalog),
    openCampaigns: open(ROUTES.campaigns),
    openEvents: open(ROUTES.events),
    openInvite: open(ROUTES.invite),
    openCoupon: (id: string) => void Taro.navigateTo({ url: couponUrl(id) }),
  }
}
