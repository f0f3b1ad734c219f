import { useRef, useState } from 'react'
import type { AdjustmentResult, AuditEntry, MemberSummary } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { checkMemberCode } from '../../services/memberCode'
import { appendPage, moreAfter, type MoreState } from '../../services/paging'
import { useConfirmStep } from '../../services/useConfirmStep'
import { adjustErrorsFrom, checkAdjustment, type Adjustment, type Direction } from './adjustForm'

export interface Audit {
  member: MemberSummary
  entries: AuditEntry[]
  nextCursor: string | null
  more: MoreState
}

/**
 * The operator's member page: find a member by code, read their whole ledger with who did what, and
 * correct their points with a reason. The adjustment carries a request id kept until the server answers;
 * once it lands, the ledger is read again from the top, so the new entry shows where it belongs.
 */
export const useMemberAudit = () => {
  const [codeText, setCodeText] = useState('')
  const [codeError, setCodeError] = useState<string>()
  const [searching, setSearching] = useState(false)
  const [audit, setAudit] = useState<Audit | null>(null)
  const current = useRef(audit)
  current.current = audit

  const firstPage = async (code: string): Promise<Audit> => {
    const page = await callCloud('ops', 'memberLedger', { code, cursor: null })
    return { member: page.member, entries: page.entries, nextCursor: page.nextCursor, more: moreAfter(page.nextCursor) }
  }

  const [direction, setDirection] = useState<Direction>('add')
  const [pointsText, setPointsText] = useState('')
  const [reasonText, setReasonText] = useState('')
  const [done, setDone] = useState<AdjustmentResult | null>(null)
  const step = useConfirmStep({
    send: (input: Adjustment, requestId) => callCloud('ops', 'adjustPoints', { ...input, requestId }),
    errorsFrom: adjustErrorsFrom,
    onDone: (result) => {
      setDone(result)
      clearAdjustment()
      // `audit` is the one the operator confirmed against: there is one whenever an adjustment is confirmed.
      if (audit) setAudit({ ...audit, member: result.member })
      // The new entry is the newest: read the ledger from the top again.
      firstPage(result.member.memberNo).then(setAudit, (error) =>
        setAudit((a) => (a ? { ...a, more: { status: 'failed', message: messageOf(error) } } : a)),
      )
    },
  })

  const search = async () => {
    if (searching) return
    const code = checkMemberCode(codeText)
    if (!code.ok) return setCodeError(code.message)
    setCodeError(undefined)
    setSearching(true)
    try {
      setAudit(await firstPage(code.code))
    } catch (error) {
      setCodeError(messageOf(error))
    } finally {
      setSearching(false)
    }
  }

  const loadMore = async () => {
    const before = current.current
    if (!before?.nextCursor || before.more.status === 'loading') return
    setAudit({ ...before, more: { status: 'loading' } })
    try {
      const page = await callCloud('ops', 'memberLedger', { code: before.member.memberNo, cursor: before.nextCursor })
      setAudit({
        member: page.member,
        entries: appendPage(before.entries, page.entries),
        nextCursor: page.nextCursor,
        more: moreAfter(page.nextCursor),
      })
    } catch (error) {
      setAudit({ ...before, more: { status: 'failed', message: messageOf(error) } })
    }
  }

  const clearAdjustment = () => {
    setPointsText('')
    setReasonText('')
    step.clear()
  }

  const review = () => {
    if (!audit) return
    const checked = checkAdjustment(audit.member, direction, pointsText, reasonText)
    if (checked.ok) setDone(null)
    step.review(checked)
  }

  /** Another member: nothing pending carries over. */
  const changeMember = () => {
    step.forget()
    clearAdjustment()
    setDone(null)
    setAudit(null)
    setCodeText('')
    setCodeError(undefined)
  }

  return {
    code: { text: codeText, error: codeError, searching, change: setCodeText, search: () => void search() },
    audit,
    loadMore: () => void loadMore(),
    changeMember,
    adjust: {
      direction,
      pointsText,
      reasonText,
      errors: step.errors,
      confirming: step.confirming,
      submitting: step.submitting,
      unanswered: step.unanswered,
      done,
      setDirection: (d: Direction) => {
        setDirection(d)
        step.clearError('points')
      },
      changePoints: (text: string) => {
        setPointsText(text)
        step.clearError('points')
      },
      changeReason: (text: string) => {
        setReasonText(text)
        step.clearError('reason')
      },
      review,
      confirm: step.confirm,
      back: step.back,
    },
  }
}
