import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { businessTime } from '../../domain/time'
import { callCloud, messageOf } from '../../services/cloud'
import { JOINED_CARD_URL, ROUTES } from '../../routes'
import {
  arrivalFromParams,
  EMPTY_DRAFT,
  JOIN_ROWS,
  joinErrorsFrom,
  validateJoin,
  type JoinDraft,
  type JoinErrors,
  type JoinField,
} from './joinForm'

const todayInBusinessTime = () => {
  const t = businessTime(new Date())
  return { year: t.year(), month: t.month() + 1, day: t.date() }
}

/**
 * The join page's state. A row shows its error once the shopper has left it (or tried to submit), so
 * typing is not interrupted; a server error stays on its row until that row changes.
 */
export const useJoinForm = () => {
  const { params } = useRouter()
  const [arrival] = useState(() => arrivalFromParams(params))
  const [checkingMembership, setCheckingMembership] = useState(true)
  const [draft, setDraft] = useState<JoinDraft>(EMPTY_DRAFT)
  const [touched, setTouched] = useState<ReadonlySet<JoinField>>(new Set())
  const [serverErrors, setServerErrors] = useState<JoinErrors>({})
  const [submitting, setSubmitting] = useState(false)

  // A member who scans a store QR (or opens a friend's invitation) goes straight to their card: an invitation
  // binds only new members.
  useEffect(() => {
    callCloud('member', 'getCard', {}).then(
      () => Taro.reLaunch({ url: ROUTES.card }),
      () => setCheckingMembership(false),
    )
  }, [])

  const today = todayInBusinessTime()
  const validation = validateJoin(draft, arrival, today)
  const clientErrors: JoinErrors = validation.ok ? {} : validation.errors

  const errorOf = (row: JoinField): string | undefined => serverErrors[row] ?? (touched.has(row) ? clientErrors[row] : undefined)

  const touch = (row: JoinField) => setTouched((rows) => new Set(rows).add(row))

  const change = (row: JoinField, patch: Partial<JoinDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setServerErrors(({ [row]: _cleared, ...others }) => others)
  }

  const submit = async () => {
    setTouched(new Set(JOIN_ROWS))
    if (!validation.ok || submitting) return
    setSubmitting(true)
    setServerErrors({})
    try {
      await callCloud('member', 'join', validation.input)
      // The card offers the birthday-coupon reminder right after joining.
      await Taro.reLaunch({ url: JOINED_CARD_URL })
    } catch (error) {
      setServerErrors(joinErrorsFrom(error, messageOf(error)))
      setSubmitting(false)
    }
  }

  return {
    checkingMembership,
    /** Invited by a friend: their name when the share link carried it, '' when not known (a poster). */
    invitedBy: arrival.referral ? (arrival.inviterName ?? '') : null,
    draft,
    currentYear: today.year,
    errorOf,
    formError: serverErrors.form,
    canSubmit: draft.consent && !submitting,
    submitting,
    touch,
    change,
    submit,
  }
}
