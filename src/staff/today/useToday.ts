import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { TodayView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'

export type TodayState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; today: TodayView }

/**
 * Today's and this month's lists. Read on every show: back from a record where a callback was just logged,
 * that customer is no longer due.
 */
export const useToday = () => {
  const [state, setState] = useState<TodayState>({ status: 'loading' })

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', today: await callCloud('staff', 'today', {}) })
    } catch (e) {
      setState((shown) => (shown.status === 'ready' ? shown : { status: 'failed', message: messageOf(e) }))
    }
  }, [])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  return {
    state,
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
  }
}
