import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { CouponView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { couponUrl, ROUTES } from '../../routes'
import { walletTabs, type WalletTab } from '../../wording/coupons'

export type WalletState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; tabs: Record<WalletTab, CouponView[]> }

/**
 * The coupon wallet: every coupon the member holds, sorted into 可用 / 已使用 / 已过期 by the status the
 * server computed at its own clock. Read on every show: a coupon used at the till moves tab while the app
 * waits in the background.
 */
export const useWallet = () => {
  const [state, setState] = useState<WalletState>({ status: 'loading' })
  const [tab, setTab] = useState<WalletTab>('available')

  const load = useCallback(async () => {
    try {
      const { coupons } = await callCloud('member', 'coupons', {})
      setState({ status: 'ready', tabs: walletTabs(coupons) })
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

  return {
    state,
    tab,
    chooseTab: setTab,
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    openCoupon: (id: string) => void Taro.navigateTo({ url: couponUrl(id) }),
    openCatalog: () => void Taro.navigateTo({ url: ROUTES.catalog }),
  }
}
