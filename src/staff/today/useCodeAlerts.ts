import { useCallback, useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { CodeAlertView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'

/**
 * A store manager's alerts from the brake on guessing member codes (staff.codeAlerts), read on every show, and
 * resuming a paused till. Not a manager, or the alerts cannot be read: nothing is shown (the lists still are).
 */
export const useCodeAlerts = (manager: boolean) => {
  const [alerts, setAlerts] = useState<CodeAlertView[]>([])
  const [resuming, setResuming] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!manager) return
    try {
      setAlerts((await callCloud('staff', 'codeAlerts', {})).alerts)
    } catch {
      // The lists matter more: an unreadable alert panel stays as it was.
    }
  }, [manager])

  // Mounted once the desk knows who is signed in (after the page's first show), then again on every show.
  useEffect(() => void load(), [load])
  useDidShow(() => void load())

  /** Resuming is a state, not a request: a second tap, or a retry, finds the till open and changes nothing. */
  const resume = async (staffId: string) => {
    setResuming(staffId)
    setError(null)
    try {
      await callCloud('staff', 'resumeTill', { staffId })
      await load()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setResuming(null)
    }
  }

  return { alerts, resume, resuming, error, load }
}
