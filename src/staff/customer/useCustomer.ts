import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { ActionOutput, CustomerView } from '../../api/contract'
import type { StaffRole } from '../../domain/staff'
import { callCloud, messageOf } from '../../services/cloud'
import { isUnanswered, usePendingRequest } from '../../services/requestId'
import { OUTCOME_NAMES, type CallbackOutcome } from '../../wording/workbench'
import {
  callbackErrorsFrom,
  checkCallback,
  newCallbackDraft,
  type CallbackDraft,
  type CallbackErrors,
  type CallbackRow,
} from './callbackForm'
import { cardErrorsFrom, checkCard, draftOf, type CardDraft, type CardErrors, type CardRow } from './cardForm'

type CustomerRecord = ActionOutput<'staff', 'customer'>

export type RecordState = { status: 'loading' } | { status: 'failed'; message: string } | ({ status: 'ready' } & CustomerRecord)

/** WeChat may hand the query still encoded, H5 decoded; member numbers are digits either way. */
const memberNoFrom = (raw: string | undefined): string => (raw ? decodeURIComponent(raw) : '')

/** One customer's record: who, how valuable, the card, the callbacks. Every change reloads or replaces it. */
export const useCustomer = () => {
  const memberNo = memberNoFrom(useRouter().params.no)
  const [state, setState] = useState<RecordState>({ status: 'loading' })

  /** Quietly (keeping the record shown) after a change; with the loading screen on first open and retry. */
  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ status: 'loading' })
      try {
        setState({ status: 'ready', ...(await callCloud('staff', 'customer', { code: memberNo })) })
      } catch (e) {
        setState((shown) => (quiet && shown.status === 'ready' ? shown : { status: 'failed', message: messageOf(e) }))
      }
    },
    [memberNo],
  )

  useEffect(() => void load(), [load])

  const replace = (customer: CustomerView) => setState((shown) => (shown.status === 'ready' ? { ...shown, customer } : shown))

  return { memberNo, state, retry: () => void load(), reload: () => load(true), replace }
}

/** The customer card, shown, or edited and saved. */
export const useCardEditor = (customer: CustomerView, onSaved: (customer: CustomerView) => void) => {
  const [draft, setDraft] = useState<CardDraft | null>(null)
  const [errors, setErrors] = useState<CardErrors>({})
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)

  const save = async () => {
    if (!draft || saving) return
    const checked = checkCard(draft)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setSaving(true)
    try {
      const { customer: after } = await callCloud('staff', 'updateCustomerCard', {
        memberCode: customer.memberNo,
        profile: checked.profile,
      })
      onSaved(after)
      setDraft(null)
      setSaved(true)
    } catch (e) {
      // Saving the same card again is harmless: no request id is needed, the staff member simply retries.
      setErrors(cardErrorsFrom(e, messageOf(e)))
    } finally {
      setSaving(false)
    }
  }

  return {
    editing: draft !== null,
    draft,
    errors,
    saving,
    saved,
    edit: () => {
      setDraft(draftOf(customer.profile))
      setErrors({})
      setSaved(false)
    },
    change: (row: CardRow, value: string) => {
      setDraft((d) => (d ? { ...d, [row]: value } : d))
      setErrors(({ [row]: _cleared, ...others }) => others)
    },
    /** A change computed from the row's latest value (chips: two quick taps before a render both count). */
    update: (row: CardRow, next: (value: string) => string) => {
      setDraft((d) => (d ? { ...d, [row]: next(d[row]) } : d))
      setErrors(({ [row]: _cleared, ...others }) => others)
    },
    cancel: () => {
      setDraft(null)
      setErrors({})
    },
    save: () => void save(),
  }
}

/**
 * Logging a callback. Its request id is kept until the server answers (services/requestId): a retry after a
 * lost answer repeats it, so the call is logged once; once answered, the next callback gets a fresh one.
 */
export const useCallbackLog = (memberNo: string, defaultNextDate: string, onLogged: () => Promise<void>) => {
  const pending = usePendingRequest()
  const [draft, setDraft] = useState<CallbackDraft>(() => newCallbackDraft(defaultNextDate))
  const [errors, setErrors] = useState<CallbackErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [unanswered, setUnanswered] = useState(false)
  const [logged, setLogged] = useState<{ outcome: CallbackOutcome; nextAt: string | null; replayed: boolean } | null>(null)

  const change = (row: CallbackRow, patch: Partial<CallbackDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors(({ [row]: _cleared, form: _form, ...others }) => others)
  }

  const submit = async () => {
    if (submitting) return
    const checked = checkCallback(draft, memberNo)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setLogged(null)
    setSubmitting(true)
    try {
      const result = await pending.send((requestId) => callCloud('staff', 'logCallback', { ...checked.input, requestId }))
      setUnanswered(false)
      setLogged({ outcome: checked.input.outcome, nextAt: result.customer.nextCallbackAt, replayed: result.replayed })
      // The next callback starts from a clean form.
      setDraft(newCallbackDraft(defaultNextDate))
      await onLogged()
    } catch (e) {
      setUnanswered(isUnanswered(e))
      setErrors(callbackErrorsFrom(e, messageOf(e)))
    } finally {
      setSubmitting(false)
    }
  }

  return {
    draft,
    errors,
    submitting,
    unanswered,
    logged,
    loggedText: logged ? `已记录回访：${OUTCOME_NAMES[logged.outcome]}${logged.replayed ? '（重复提交，未再次记录）' : ''}` : null,
    change,
    submit: () => void submit(),
  }
}

export interface StaffOption {
  staffId: string
  name: string
  role: StaffRole
}

/** A manager hands the customer to another of the store's staff: pick, confirm, done (logged on the server). */
export const useReassign = (customer: CustomerView, onDone: (customer: CustomerView) => void) => {
  const [open, setOpen] = useState(false)
  const [staff, setStaff] = useState<StaffOption[] | null>(null)
  const [chosen, setChosen] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<string | null>(null)

  const start = async () => {
    setOpen(true)
    setDone(null)
    setError(undefined)
    setChosen(null)
    setConfirming(false)
    try {
      setStaff((await callCloud('staff', 'storeStaff', {})).staff)
    } catch (e) {
      setError(messageOf(e))
    }
  }

  const confirm = async () => {
    if (!chosen || sending) return
    setSending(true)
    setError(undefined)
    try {
      const { customer: after } = await callCloud('staff', 'reassign', { memberCode: customer.memberNo, staffId: chosen })
      onDone(after)
      setOpen(false)
      setConfirming(false)
      setDone(`已改由 ${after.assistant?.name ?? chosen} 负责`)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setSending(false)
    }
  }

  return {
    open,
    /** Everyone at the store but whoever looks after the customer now. */
    options: staff?.filter((s) => s.staffId !== customer.assistant?.staffId) ?? null,
    chosen,
    chosenName: staff?.find((s) => s.staffId === chosen)?.name ?? '',
    confirming,
    sending,
    error,
    done,
    start: () => void start(),
    choose: (staffId: string) => {
      setChosen(staffId)
      setError(undefined)
    },
    review: () => (chosen ? setConfirming(true) : setError('请选择接手的导购')),
    back: () => setConfirming(false),
    cancel: () => {
      setOpen(false)
      setConfirming(false)
      setError(undefined)
    },
    confirm: () => void confirm(),
  }
}
