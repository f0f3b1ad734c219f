import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { EventView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { doorUrl } from '../../routes'

export type StoreEventsState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; events: EventView[] }

/** The store's upcoming events, each the way to its door screen. Read on every show: RSVPs keep coming. */
export const useStoreEvents = () => {
  const [state, setState] = useState<StoreEventsState>({ status: 'loading' })

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', events: (await callCloud('event', 'storeEvents', {})).events })
    } catch (error) {
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
    openDoor: (event: EventView) => void Taro.navigateTo({ url: doorUrl(event.id) }),
  }
}
