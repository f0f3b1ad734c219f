import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { EventView, GuestView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { checkTicketCode, outcomeOf, type DoorOutcome } from './doorForm'

export type GuestListState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; event: EventView; guests: GuestView[] }

/** WeChat may hand the query still encoded, H5 decoded; event ids hold no "%" of their own. */
const idFromParams = (raw: string | undefined): string => {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * One event's door: scan (WeChat) or type a ticket code, check it in, and show the answer big enough to
 * read at arm's length; the guest list under it, refreshed after each check-in and on demand. Checking a
 * ticket in twice is safe (the server credits the points once and says when the first scan was), so a
 * check-in needs no request id and a lost answer is simply scanned again.
 */
export const useDoor = () => {
  const eventId = idFromParams(useRouter().params.id)
  const [list, setList] = useState<GuestListState>({ status: 'loading' })
  const [refreshing, setRefreshing] = useState(false)
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const [checking, setChecking] = useState(false)
  const [outcome, setOutcome] = useState<DoorOutcome | null>(null)

  const load = useCallback(async () => {
    setRefreshing(true)
    try {
      const { event, guests } = await callCloud('event', 'guestList', { eventId })
      setList({ status: 'ready', event, guests })
    } catch (e) {
      // A failed refresh keeps the list already shown; only a first load shows the failure screen.
      setList((shown) => (shown.status === 'ready' ? shown : { status: 'failed', message: messageOf(e) }))
    } finally {
      setRefreshing(false)
    }
  }, [eventId])

  useEffect(() => void load(), [load])

  const checkIn = async (codeText: string) => {
    if (checking) return
    const code = checkTicketCode(codeText)
    if (!code.ok) return setError(code.message)
    setError(undefined)
    setChecking(true)
    try {
      setOutcome(outcomeOf(await callCloud('event', 'checkIn', { ticketCode: code.code }), eventId))
      // Ready for the next guest.
      setText('')
      void load()
    } catch (e) {
      setOutcome({ kind: 'refused', message: messageOf(e) })
    } finally {
      setChecking(false)
    }
  }

  /** WeChat's scanner; a cancelled scan is not an error. */
  const scan = async () => {
    let scanned: string
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch {
      return
    }
    setText(scanned)
    await checkIn(scanned)
  }

  return {
    list,
    refreshing,
    refresh: () => void load(),
    retry: () => {
      setList({ status: 'loading' })
      void load()
    },
    code: {
      text,
      error,
      checking,
      change: (value: string) => {
        setText(value)
        setError(undefined)
      },
      checkIn: () => void checkIn(text),
      scan: () => void scan(),
    },
    outcome,
  }
}
