import { useEffect, useState } from 'react'
import type { EventView } from '../../api/contract'
import type { Instant } from '../../domain/time'
import { callCloud, messageOf } from '../../services/cloud'
import { checkEventEdit, editDraftOf, eventEditErrorsFrom, type EventEditDraft, type EventEditErrors } from './eventForm'

type Listed = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; events: EventView[]; serverTime: Instant }

/** One event being changed: its words, times and capacity, or its RSVPs stopped (confirmed first). */
export type Managing =
  | { kind: 'edit'; eventId: string; draft: EventEditDraft; errors: EventEditErrors; busy: boolean }
  | { kind: 'close'; eventId: string; error: string | null; busy: boolean }

/** Every store's events not yet ended (`event.manageList`, operators only). */
const loadUpcoming = () => callCloud('event', 'manageList', {})

/**
 * The operator's upcoming events: each editable (words, times, capacity never below the seats taken, which
 * the server checks) or closed to new RSVPs after a confirmation that says confirmed tickets still get in.
 */
export const useEventManager = () => {
  const [listed, setListed] = useState<Listed>({ status: 'loading' })
  const [managing, setManaging] = useState<Managing | null>(null)
  const [managed, setManaged] = useState<string | null>(null)

  const load = async () => {
    try {
      const { events, serverTime } = await loadUpcoming()
      setListed({ status: 'ready', events, serverTime })
    } catch (error) {
      setListed({ status: 'failed', message: messageOf(error) })
    }
  }
  useEffect(() => void load(), [])

  const replace = (event: EventView) =>
    setListed((l) => (l.status === 'ready' ? { ...l, events: l.events.map((e) => (e.id === event.id ? event : e)) } : l))

  const save = async () => {
    if (managing?.kind !== 'edit' || managing.busy) return
    const checked = checkEventEdit(managing.eventId, managing.draft)
    if (!checked.ok) return setManaging({ ...managing, errors: checked.errors })
    setManaging({ ...managing, errors: {}, busy: true })
    try {
      const { event } = await callCloud('event', 'update', checked.input)
      replace(event)
      setManaging(null)
      setManaged(`已保存「${event.title}」`)
    } catch (error) {
      setManaging({ ...managing, errors: eventEditErrorsFrom(error, messageOf(error)), busy: false })
    }
  }

  const close = async () => {
    if (managing?.kind !== 'close' || managing.busy) return
    setManaging({ ...managing, error: null, busy: true })
    try {
      const { event } = await callCloud('event', 'close', { eventId: managing.eventId })
      replace(event)
      setManaging(null)
      setManaged(`「${event.title}」已停止报名，已确认的会员仍可到场签到`)
    } catch (error) {
      setManaging({ ...managing, error: messageOf(error), busy: false })
    }
  }

  return {
    listed,
    managing,
    managed,
    /** A new event made on this page joins the list. */
    added: (event: EventView) =>
      setListed((l) =>
        l.status === 'ready' && !l.events.some((e) => e.id === event.id)
          ? { ...l, events: [...l.events, event].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) }
          : l,
      ),
    startEdit: (event: EventView) => {
      setManaged(null)
      setManaging({ kind: 'edit', eventId: event.id, draft: editDraftOf(event), errors: {}, busy: false })
    },
    editChange: (row: keyof EventEditErrors, patch: Partial<EventEditDraft>) =>
      setManaging((m) => {
        if (m?.kind !== 'edit') return m
        const { [row]: _cleared, form: _form, ...errors } = m.errors
        return { ...m, draft: { ...m.draft, ...patch }, errors }
      }),
    save: () => void save(),
    startClose: (event: EventView) => {
      setManaged(null)
      setManaging({ kind: 'close', eventId: event.id, error: null, busy: false })
    },
    confirmClose: () => void close(),
    cancel: () => setManaging(null),
    retry: () => {
      setListed({ status: 'loading' })
      void load()
    },
  }
}
