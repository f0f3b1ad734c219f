import { useState } from 'react'
import type { ActionOutput } from '../../api/contract'
import type { CorrectBirthdayInput } from '../../api/staffSchemas'
import { businessTime } from '../../domain/time'
import { callCloud } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { useMemberLookup } from '../shared/useMemberLookup'
import { checkCorrection, correctionErrorsFrom, type BirthdayDraft } from './birthdayForm'

export type Correction = ActionOutput<'staff', 'correctBirthday'> & { birthday: CorrectBirthdayInput['birthday'] }

const EMPTY: BirthdayDraft = { month: null, day: null, year: null }

const todayInBusinessTime = () => {
  const t = businessTime(new Date())
  return { year: t.year(), month: t.month() + 1, day: t.date() }
}

/**
 * A member's birthday put right at the counter (a wrong month at joining decides the birthday card): find the
 * member, the new birthday and a reason, confirm. The server logs who changed it, from what, and why.
 */
export const useBirthdayDesk = () => {
  // A correction needs no proof of presence: the member number will do (the change is logged with a reason).
  const lookup = useMemberLookup({ numberAllowed: true })
  const { member } = lookup
  const [draft, setDraft] = useState<BirthdayDraft>(EMPTY)
  const [reasonText, setReasonText] = useState('')
  const [result, setResult] = useState<Correction | null>(null)
  const today = todayInBusinessTime()
  const step = useConfirmStep({
    // Setting a birthday twice sets the same value: a retry needs no key of its own.
    send: async (input: CorrectBirthdayInput) => ({ ...(await callCloud('staff', 'correctBirthday', input)), birthday: input.birthday }),
    errorsFrom: correctionErrorsFrom,
    onDone: setResult,
  })

  const startOver = () => {
    step.forget()
    step.clear()
    lookup.reset()
    setDraft(EMPTY)
    setReasonText('')
    setResult(null)
  }

  return {
    lookup,
    member,
    currentYear: today.year,
    form: {
      draft,
      reasonText,
      errors: step.errors,
      changeBirthday: (value: BirthdayDraft) => {
        setDraft(value)
        step.clearError('birthday')
      },
      changeReason: (text: string) => {
        setReasonText(text)
        step.clearError('reason')
      },
    },
    review: () => member && step.review(checkCorrection(member, draft, reasonText, today)),
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    confirm: step.confirm,
    back: step.back,
    result,
    startOver,
  }
}
