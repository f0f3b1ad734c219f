/**
 * A desk form's submission: one request id per opened form (so a retry after a lost answer is the same request and
 * cannot act twice), the refusal's message, and the fields it names.
 */
import { useState } from 'react'
import type { FieldError } from '../../../src/domain/errors'
import { DeskError } from '../cloud'

const newRequestId = () => crypto.randomUUID()

export const useSubmit = () => {
  const [requestId, setRequestId] = useState(newRequestId)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<FieldError[]>([])

  /** Runs `send`; answers its result, or null after showing why it was refused. */
  const submit = async <T>(send: (requestId: string) => Promise<T>): Promise<T | null> => {
    setSubmitting(true)
    setError(null)
    setFields([])
    try {
      return await send(requestId)
    } catch (e) {
      if (e instanceof DeskError) {
        setError(e.fields.length ? null : e.message)
        setFields(e.fields)
      } else setError('操作失败，请重试')
      return null
    } finally {
      setSubmitting(false)
    }
  }

  return {
    submitting,
    error,
    /** The refusal's message for one field, for the form item's help line. */
    fieldError: (name: string) => fields.find((f) => f.field === name || f.field.startsWith(`${name}.`))?.message,
    submit,
    /** A fresh request for the next time the form opens. */
    reset: () => {
      setRequestId(newRequestId())
      setError(null)
      setFields([])
    },
  }
}
