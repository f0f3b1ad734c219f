import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { CouponView, MemberView, SubscribeTemplates } from '../../api/contract'
import { AppError } from '../../domain/errors'
import type { PointBatch } from '../../domain/points'
import { pointsAt } from '../../wording/points'
import type { TierId } from '../../domain/program'
import { effectiveTier, tierProgress, type TierProgress } from '../../domain/tiers'
import { callCloud, messageOf } from '../../services/cloud'
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
      /** The next batch to expire, for "N 积分将于 DATE 过期"; null when nothing will. */
      expiring: PointBatch | null
      /** This month's birthday card while it can still be used; null otherwise (used ones are not shown). */
      birthdayCoupon: CouponView | null
      subscribeTemplates: SubscribeTemplates
      /** What inviting a friend earns (the program's rule), for the invite row. */
      inviterPoints: number
    }
  | { status: 'failed'; message: string }

/**
 * The shopper's card, one call, read on every show (points change at the till while the app sits in the
 * background). Tier, progress and expiry use the server's clock, so a phone with a wrong date reads the same.
 */
export const useCard = () => {
  const [state, setState] = useState<CardState>({ status: 'loading' })
  /** Just joined: the moment to offer the birthday-coupon reminder. */
  const justJoined = useRouter().params.joined === '1'

  const load = useCallback(async () => {
    try {
      const { member, program, serverTime, birthdayCoupon, subscribeTemplates } = await callCloud('member', 'getCard', {})
      rememberSubscribeTemplates(subscribeTemplates)
      setState({
        status: 'ready',
        member,
        tier: effectiveTier(member, serverTime),
        progress: tierProgress(member, program, serverTime),
        ...pointsAt(member, serverTime),
        birthdayCoupon: birthdayCoupon?.status === 'available' ? birthdayCoupon : null,
        subscribeTemplates,
        inviterPoints: program.referral.inviterPoints,
      })
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const retry = () => {
    setState({ status: 'loading' })
    void load()
  }
  const open = (url: string) => () => void Taro.navigateTo({ url })
  return {
    state,
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
