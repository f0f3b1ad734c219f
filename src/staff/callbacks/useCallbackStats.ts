import { useCallback, useEffect, useState } from 'react'
import type { CallbackStats } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { shiftMonth } from '../../wording/workbench'

export type StatsState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; stats: CallbackStats }

/**
 * Callbacks per assistant in a month, for the store manager. The first answer (no month asked) says which
 * month is the current one, by the server's clock: the switcher goes back from it, never past it.
 */
export const useCallbackStats = (enabled: boolean) => {
  const [state, setState] = useState<StatsState>({ status: 'loading' })
  const [month, setMonth] = useState<string | undefined>(undefined)
  const [current, setCurrent] = useState<string | null>(null)

  const load = useCallback(async (which: string | undefined) => {
    setState({ status: 'loading' })
    try {
      const stats = await callCloud('staff', 'callbackStats', which ? { month: which } : {})
      if (!which) setCurrent(stats.month)
      setState({ status: 'ready', stats })
    } catch (e) {
      setState({ status: 'failed', message: messageOf(e) })
    }
  }, [])

  useEffect(() => {
    if (enabled) void load(month)
  }, [enabled, load, month])

  const shown = state.status === 'ready' ? state.stats.month : (month ?? current)
  return {
    state,
    month: shown,
    canGoForward: Boolean(shown && current && shown < current),
    back: () => shown && setMonth(shiftMonth(shown, -1)),
    forward: () => shown && current && shown < current && setMonth(shiftMonth(shown, 1)),
    retry: () => void load(month),
  }
}
