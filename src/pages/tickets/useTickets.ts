import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { EventView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { ROUTES } from '../../routes'

export type TicketsState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; upcoming: EventView[]; attended: EventView[] }

/**
 * "我的活动": the member's tickets for events to come (the code the door scans, or the place on the
 * waitlist) and the past events they attended. Read on every show: a waitlisted RSVP is promoted, or a
 * ticket checked in, while the page waits in the background.
 */
export const useTickets = () => {
  const [state, setState] = useState<TicketsState>({ status: 'loading' })

  const load = useCallback(async () => {
    try {
      const { upcoming, attended } = await callCloud('event', 'mine', {})
      setState({ status: 'ready', upcoming, attended })
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
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    openEvents: () => void Taro.redirectTo({ url: ROUTES.events }),
  }
}
