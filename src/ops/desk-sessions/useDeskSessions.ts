import { useEffect, useState } from 'react'
import type { DeskSessionView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'

export type SessionsList = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; sessions: DeskSessionView[] }

/** The operator's desk sessions of the last 30 days; an active one can be ended from the phone at once. */
export const useDeskSessions = () => {
  const [list, setList] = useState<SessionsList>({ status: 'loading' })
  const [ending, setEnding] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    try {
      setList({ status: 'ready', sessions: (await callCloud('desk', 'sessions', {})).sessions })
    } catch (e) {
      setList({ status: 'failed', message: messageOf(e) })
    }
  }
  useEffect(() => void load(), [])

  const end = async (session: DeskSessionView) => {
    if (ending) return
    setEnding(session.id)
    setError(null)
    try {
      await callCloud('desk', 'revokeSession', { sessionId: session.id })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setEnding(null)
      void load()
    }
  }

  return { list, ending, error, end: (session: DeskSessionView) => void end(session), retry: () => void load() }
}
