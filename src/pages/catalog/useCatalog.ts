import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { CatalogItemView, CouponView, SubscribeTemplates } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { subscribeTemplates } from '../../services/subscribeTemplates'
import { useConfirmStep } from '../../services/useConfirmStep'
import { couponUrl, ROUTES } from '../../routes'
import { checkExchange, exchangeErrorsFrom, type Exchange } from './exchangeForm'

export type CatalogState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; items: CatalogItemView[]; pointsAvailable: number }

export interface Exchanged {
  coupon: CouponView
  replayed: boolean
}

/**
 * The points catalog: what points buy, with stock, limits and VIP early access, and the exchange itself —
 * pick, confirm, exchange. The exchange carries a request id kept until the server answers (services/
 * requestId), so a retry after a lost answer gets the coupon issued the first time instead of a second one.
 * After an exchange the shopper is offered the birthday-coupon reminder.
 */
export const useCatalog = () => {
  const [state, setState] = useState<CatalogState>({ status: 'loading' })
  const [exchanged, setExchanged] = useState<Exchanged | null>(null)
  const [templates, setTemplates] = useState<SubscribeTemplates | null>(null)

  const load = useCallback(async () => {
    try {
      const { items, pointsAvailable } = await callCloud('member', 'catalog', {})
      setState({ status: 'ready', items, pointsAvailable })
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  const step = useConfirmStep({
    send: ({ itemId }: Exchange, requestId) => callCloud('member', 'exchange', { itemId, requestId }),
    errorsFrom: exchangeErrorsFrom,
    onDone: ({ coupon, replayed }) => {
      setExchanged({ coupon, replayed })
      // Stock and points moved: the list behind the result is read again.
      void load()
      // The reminder needs the template id before the tap (WeChat asks inside it): fetched now, quietly.
      subscribeTemplates().then(setTemplates, () => setTemplates(null))
    },
  })

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const choose = (item: CatalogItemView) => {
    if (state.status === 'ready') step.review(checkExchange(item, state.pointsAvailable))
  }

  return {
    state,
    confirming: step.confirming,
    error: step.errors.form,
    submitting: step.submitting,
    unanswered: step.unanswered,
    exchanged,
    templates,
    choose,
    confirm: step.confirm,
    back: step.back,
    /** Back to the list after a result. */
    done: () => {
      setExchanged(null)
      step.clear()
    },
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    openCoupon: (id: string) => void Taro.navigateTo({ url: couponUrl(id) }),
    openPoints: () => void Taro.navigateTo({ url: ROUTES.points }),
  }
}
