import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import type { CouponView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { ROUTES } from '../../routes'

export type DetailState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'missing' } | { status: 'ready'; coupon: CouponView }

/** WeChat may hand the query still encoded, H5 decoded; coupon ids hold no "%" of their own, so decoding is safe. */
const idFromParams = (raw: string | undefined): string => {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * One coupon, from the wallet (the only read of coupons there is): its code for the till and its rules. Read
 * on every show, so a coupon used while the page waits in the background shows as used.
 */
export const useCouponDetail = () => {
  const id = idFromParams(useRouter().params.id)
  const [state, setState] = useState<DetailState>({ status: 'loading' })

  const load = useCallback(async () => {
    try {
      const { coupons } = await callCloud('member', 'coupons', {})
      const coupon = coupons.find((c) => c.id === id)
      setState(coupon ? { status: 'ready', coupon } : { status: 'missing' })
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [id])

  useDidShow(() => void load())

  return {
    state,
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    openWallet: () => void Taro.redirectTo({ url: ROUTES.coupons }),
  }
}
