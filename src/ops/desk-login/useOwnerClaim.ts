import { useCallback, useEffect, useState } from 'react'
import type { DeskLoginView } from '../../api/contract'
import { ClaimOwnershipSchema } from '../../api/deskSchemas'
import { check } from '../../api/fields'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'

export type OwnerClaimState =
  | { kind: 'checking' }
  /** The brand has an operator (or the page cannot tell): the ordinary operator sign-in decides. */
  | { kind: 'notClaimable' }
  | { kind: 'claimable'; view: DeskLoginView }
  | { kind: 'claimed'; name: string }

type Errors = { name?: string; code?: string; form?: string }

/**
 * The brand owner's first sign-in (src/domain/ownerClaim.ts), on the page the desk's code opens: asked first, since
 * before the first operator nobody passes the operator check. Anything but "claimable" leaves the page as it was.
 */
export const useOwnerClaim = (requestId: string | null) => {
  const [state, setState] = useState<OwnerClaimState>({ kind: 'checking' })
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [claiming, setClaiming] = useState(false)

  const load = useCallback(async () => {
    if (!requestId) return setState({ kind: 'notClaimable' })
    try {
      const answer = await callCloud('desk', 'ownerClaim', { requestId })
      setState(answer.claimable && answer.login.status === 'pending' ? { kind: 'claimable', view: answer.login } : { kind: 'notClaimable' })
    } catch {
      // An expired request, a network failure: the operator page below says what it is.
      setState({ kind: 'notClaimable' })
    }
  }, [requestId])
  useEffect(() => void load(), [load])

  const claim = async () => {
    if (state.kind !== 'claimable' || claiming || !requestId) return
    const parsed = check(ClaimOwnershipSchema, { requestId, name: name.trim(), code })
    if (!parsed.ok) return setErrors(byField(parsed.fields))
    setErrors({})
    setClaiming(true)
    try {
      const { operator } = await callCloud('desk', 'claimOwnership', parsed.value)
      setState({ kind: 'claimed', name: operator.name })
    } catch (error) {
      const fields = error instanceof AppError ? error.details?.fields : undefined
      setErrors(fields?.length ? byField(fields) : { form: messageOf(error) })
    } finally {
      setClaiming(false)
    }
  }

  return { state, name, setName, code, setCode, errors, claiming, claim: () => void claim() }
}

const byField = (fields: { field: string; message: string }[]): Errors => {
  const errors: Errors = {}
  for (const f of fields) {
    if (f.field === 'name') errors.name ??= f.message
    else if (f.field === 'code') errors.code ??= f.message
    else errors.form ??= f.message
  }
  return errors
}
