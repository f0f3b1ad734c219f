import { useState } from 'react'
import { messageOf } from './cloud'
import type { RowErrors } from './formErrors'
import { isUnanswered, usePendingRequest } from './requestId'

interface Options<Input, Result, Row extends string> {
  /** The call that moves the points, with the pending request id. */
  send: (input: Input, requestId: string) => Promise<Result>
  /** A refusal (or no answer), by row. */
  errorsFrom: (error: unknown, fallbackMessage: string) => RowErrors<Row>
  onDone: (result: Result) => void
}

/**
 * The form, confirmation and sending of an action that moves points (redemption, refund, adjustment).
 * `review` takes the form's check: its errors go to their rows, or its input waits for confirmation.
 * `confirm` sends that input with the pending request id (./requestId): an unanswered attempt stays on the
 * confirmation, to be retried with the same id; a refusal goes back to the form, where its errors show.
 */
export const useConfirmStep = <Input, Result, Row extends string>({ send, errorsFrom, onDone }: Options<Input, Result, Row>) => {
  const pending = usePendingRequest()
  const [errors, setErrors] = useState<RowErrors<Row>>({})
  const [confirming, setConfirming] = useState<Input | null>(null)
  const [submitting, setSubmitting] = useState(false)
  /** The last attempt went unanswered: the retry repeats its request id (and says so). */
  const [unanswered, setUnanswered] = useState(false)

  const review = (checked: { ok: true; input: Input } | { ok: false; errors: RowErrors<Row> }) => {
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setConfirming(checked.input)
  }

  const confirm = async () => {
    if (!confirming || submitting) return
    setSubmitting(true)
    setErrors({})
    try {
      const result = await pending.send((requestId) => send(confirming, requestId))
      setUnanswered(false)
      onDone(result)
    } catch (error) {
      const retryable = isUnanswered(error)
      setUnanswered(retryable)
      setErrors(errorsFrom(error, messageOf(error)))
      // A refusal is about what was entered: back to the form, where it is shown.
      if (!retryable) setConfirming(null)
    } finally {
      setSubmitting(false)
    }
  }

  return {
    errors,
    /** Errors found before the form is reviewed (an order number that finds no order). */
    showErrors: setErrors,
    /** An edited row's error goes; the others stay. */
    clearError: (row: Row) =>
      setErrors((all) => {
        const { [row]: _cleared, ...others } = all
        return others as RowErrors<Row>
      }),
    confirming,
    submitting,
    unanswered,
    review,
    confirm: () => void confirm(),
    /** Back to the form; an unanswered attempt keeps its request id (see ./requestId). */
    back: () => {
      setConfirming(null)
      setErrors({})
    },
    /** An empty form with nothing to confirm. */
    clear: () => {
      setErrors({})
      setConfirming(null)
      setUnanswered(false)
    },
    /** The next customer or member: nothing pending carries over, the next action gets a fresh id. */
    forget: () => pending.forget(),
  }
}
