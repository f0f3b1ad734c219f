import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { EventView, SubscribeTemplates } from '../../api/contract'
import { AppError } from '../../domain/errors'
import type { TierProgress } from '../../domain/tiers'
import { callCloud, messageOf } from '../../services/cloud'
import { refusalByRow, type RowErrors } from '../../services/formErrors'
import { subscribeTemplates } from '../../services/subscribeTemplates'
import { useConfirmStep } from '../../services/useConfirmStep'
import { ROUTES } from '../../routes'

export type EventsState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; events: EventView[]; progress: TierProgress }

/** The RSVP just made: confirmed with a ticket, or on the waitlist. */
export interface Joined {
  event: EventView
  replayed: boolean
}

/**
 * Upcoming member events: those the member may join, and (greyed) those for higher tiers. One tap RSVPs
 * (with guests when the event allows them) — no request id needed: the server keys an RSVP by event and
 * member, so a repeat answers the same RSVP. After it, the ticket or the place on the waitlist, and the
 * reminder consent. A held RSVP may be cancelled, confirmed first, until the cancellation deadline.
 * Read on every show: seats move while the page waits in the background.
 */
export const useEvents = () => {
  const [state, setState] = useState<EventsState>({ status: 'loading' })
  /** Guests chosen per event (0 = just the member). */
  const [guests, setGuests] = useState<Record<string, number>>({})
  const [joining, setJoining] = useState<string | null>(null)
  /** A refused RSVP, shown under its event. */
  const [refusals, setRefusals] = useState<Record<string, string>>({})
  const [joined, setJoined] = useState<Joined | null>(null)
  const [cancelled, setCancelled] = useState<EventView | null>(null)
  const [templates, setTemplates] = useState<SubscribeTemplates | null>(null)

  const load = useCallback(async () => {
    try {
      const { events, progress } = await callCloud('event', 'list', {})
      setState({ status: 'ready', events, progress })
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

  const rsvp = async (event: EventView) => {
    if (joining) return
    setJoining(event.id)
    setCancelled(null)
    setRefusals(({ [event.id]: _gone, ...others }) => others)
    try {
      setJoined(await callCloud('event', 'rsvp', { eventId: event.id, guests: guests[event.id] ?? 0 }))
      // Seats moved: the list behind the result is read again.
      void load()
      // The reminder needs the template ids before the tap (WeChat asks inside it): fetched now, quietly.
      subscribeTemplates().then(setTemplates, () => setTemplates(null))
    } catch (error) {
      setRefusals((all) => ({ ...all, [event.id]: messageOf(error) }))
    } finally {
      setJoining(null)
    }
  }

  const cancel = useConfirmStep({
    // Cancelling twice cannot free two seats: the server cancels an RSVP once; no key of its own.
    send: (event: EventView) => callCloud('event', 'cancel', { eventId: event.id }),
    errorsFrom: (error: unknown, fallbackMessage: string): RowErrors<never> => refusalByRow(error, fallbackMessage, {}),
    onDone: ({ event }) => {
      cancel.clear()
      setCancelled(event)
      void load()
    },
  })

  return {
    state,
    guests,
    chooseGuests: (eventId: string, count: number) => setGuests((all) => ({ ...all, [eventId]: count })),
    joining,
    refusals,
    rsvp: (event: EventView) => void rsvp(event),
    joined,
    templates,
    /** Back to the list after a result. */
    done: () => setJoined(null),
    cancelled,
    cancelError: cancel.errors.form,
    confirmingCancel: cancel.confirming,
    cancelSubmitting: cancel.submitting,
    cancelUnanswered: cancel.unanswered,
    askCancel: (event: EventView) => {
      setCancelled(null)
      cancel.review({ ok: true, input: event })
    },
    confirmCancel: cancel.confirm,
    keepRsvp: cancel.back,
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    openTickets: () => void Taro.navigateTo({ url: ROUTES.tickets }),
    openHandbook: () => void Taro.navigateTo({ url: ROUTES.handbook }),
  }
}
