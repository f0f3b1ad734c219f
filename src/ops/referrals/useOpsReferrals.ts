import { useEffect, useRef, useState } from 'react'
import type { ReferralView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { refusalByRow, type RowErrors } from '../../services/formErrors'
import { isUnanswered } from '../../services/requestId'
import { useConfirmStep } from '../../services/useConfirmStep'
import type { ReferralStatus } from '../../wording/referral'

export type ReferralsList = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; referrals: ReferralView[] }

export interface Review {
  referral: ReferralView
  decision: 'approve' | 'reject'
}

/**
 * The operator's referrals, one status at a time, held ones first (with why they were held). A held one is
 * approved or rejected after a confirmation. No request id: the server reviews a referral only while it is
 * held, so a retry after a lost answer cannot pay twice (it is told the referral is no longer held).
 */
export const useOpsReferrals = () => {
  const [status, setStatus] = useState<ReferralStatus>('held')
  const [list, setList] = useState<ReferralsList>({ status: 'loading' })
  const [reviewed, setReviewed] = useState<Review | null>(null)
  // Quick taps across the tabs: only the answer for the tab last chosen is shown.
  const latest = useRef(0)

  const load = async (wanted: ReferralStatus) => {
    const ticket = ++latest.current
    try {
      const { referrals } = await callCloud('ops', 'referrals', { status: wanted })
      if (ticket === latest.current) setList({ status: 'ready', referrals })
    } catch (error) {
      if (ticket === latest.current) setList({ status: 'failed', message: messageOf(error) })
    }
  }
  useEffect(() => void load(status), [status])

  const step = useConfirmStep({
    send: async ({ referral, decision }: Review): Promise<Review> => {
      try {
        const answer = await callCloud('ops', 'reviewReferral', { inviteeCode: referral.invitee.memberNo, decision })
        return { referral: answer.referral, decision }
      } catch (error) {
        // Refused (e.g. another operator reviewed it first): the list is read again to show how it stands.
        if (!isUnanswered(error)) void load(status)
        throw error
      }
    },
    errorsFrom: (error: unknown, fallbackMessage: string): RowErrors<never> => refusalByRow(error, fallbackMessage, {}),
    onDone: (review) => {
      setReviewed(review)
      step.clear()
      void load(status)
    },
  })

  const ask = (referral: ReferralView, decision: Review['decision']) => {
    setReviewed(null)
    step.review({ ok: true, input: { referral, decision } })
  }

  return {
    status,
    pick: (next: ReferralStatus) => {
      if (next === status) return
      setReviewed(null)
      step.clear()
      setList({ status: 'loading' })
      setStatus(next)
    },
    list,
    reviewed,
    approve: (referral: ReferralView) => ask(referral, 'approve'),
    reject: (referral: ReferralView) => ask(referral, 'reject'),
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    error: step.errors.form,
    confirm: step.confirm,
    back: step.back,
    retry: () => {
      setList({ status: 'loading' })
      void load(status)
    },
  }
}
