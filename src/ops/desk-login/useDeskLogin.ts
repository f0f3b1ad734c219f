import { useCallback, useEffect, useState } from 'react'
import type { DeskLoginView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'

export type DeskLoginScreen =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'asking'; view: DeskLoginView; answering: boolean; error: string | null }
  | { kind: 'answered'; approved: boolean }
  | { kind: 'stale' }

/**
 * The phone's side of the desk's sign-in: who is asking, then the operator's answer. A request that is no longer
 * pending (expired, answered elsewhere, used) can only be asked again from the computer.
 */
export const useDeskLogin = (requestId: string | null) => {
  const [screen, setScreen] = useState<DeskLoginScreen>({ kind: 'loading' })

  const load = useCallback(async () => {
    if (!requestId) return setScreen({ kind: 'stale' })
    try {
      const view = await callCloud('desk', 'describeLogin', { requestId })
      setScreen(view.status === 'pending' ? { kind: 'asking', view, answering: false, error: null } : { kind: 'stale' })
    } catch (error) {
      setScreen({ kind: 'failed', message: messageOf(error) })
    }
  }, [requestId])
  useEffect(() => void load(), [load])

  const answer = async (approve: boolean) => {
    if (screen.kind !== 'asking' || screen.answering || !requestId) return
    setScreen({ ...screen, answering: true, error: null })
    try {
      const { status } = await callCloud('desk', 'answerLogin', { requestId, approve })
      setScreen({ kind: 'answered', approved: status === 'approved' })
    } catch (error) {
      // Answered already (a retry after a lost answer) or expired meanwhile: how it stands now decides the screen.
      try {
        const view = await callCloud('desk', 'describeLogin', { requestId })
        if (view.status === 'approved' || view.status === 'consumed') return setScreen({ kind: 'answered', approved: true })
        if (view.status === 'refused') return setScreen({ kind: 'answered', approved: false })
        if (view.status === 'expired') return setScreen({ kind: 'stale' })
      } catch {
        // keep the first error
      }
      setScreen({ ...screen, answering: false, error: messageOf(error) })
    }
  }

  return { screen, approve: () => void answer(true), refuse: () => void answer(false), retry: () => void load() }
}
