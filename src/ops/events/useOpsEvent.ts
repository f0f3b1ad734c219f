import { useState } from 'react'
import type { ActionOutput } from '../../api/contract'
import type { TierId } from '../../domain/program'
import { callCloud } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { checkEvent, eventErrorsFrom, newEventDraft, type EventDraft, type EventInput, type EventRow } from './eventForm'

/**
 * The operator's new member event: fill in, review, create. Creating carries a request id kept until the
 * server answers (the event's id is made from it), so a retry after a lost answer finds the event created
 * the first time instead of a second one.
 */
export const useOpsEvent = () => {
  const [draft, setDraft] = useState<EventDraft>(() => newEventDraft(new Date().toISOString()))
  const [created, setCreated] = useState<ActionOutput<'event', 'create'> | null>(null)

  const step = useConfirmStep({
    send: (input: EventInput, requestId) => callCloud('event', 'create', { ...input, requestId }),
    errorsFrom: eventErrorsFrom,
    onDone: (result) => {
      setCreated(result)
      step.clear()
      setDraft(newEventDraft(new Date().toISOString()))
    },
  })

  const change = (row: EventRow, patch: Partial<EventDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    step.clearError(row)
  }

  /** Quick taps on several tiers each count: toggled from the latest draft, not the one last rendered. */
  const toggleTier = (tier: TierId) => {
    setDraft((d) => ({ ...d, tiers: d.tiers.includes(tier) ? d.tiers.filter((t) => t !== tier) : [...d.tiers, tier] }))
    step.clearError('tiers')
  }

  return {
    draft,
    errors: step.errors,
    change,
    toggleTier,
    review: () => {
      setCreated(null)
      step.review(checkEvent(draft, new Date().toISOString()))
    },
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    confirm: step.confirm,
    back: step.back,
    created,
  }
}
