import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { MemberSummary, PurchaseResult, StaffView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { checkMemberCode, checkPurchase, purchaseErrorsFrom, type PurchaseErrors } from './purchaseForm'

export type Access =
  | { status: 'checking' }
  | { status: 'forbidden'; message: string }
  | { status: 'failed'; message: string }
  | { status: 'granted'; staff: StaffView }

/** Who may use the till page: the server decides on every call; this only picks the screen. */
const useStaffAccess = () => {
  const [access, setAccess] = useState<Access>({ status: 'checking' })
  const check = () => {
    setAccess({ status: 'checking' })
    callCloud('staff', 'whoami', {}).then(
      (staff) => setAccess({ status: 'granted', staff }),
      (error) =>
        setAccess(
          error instanceof AppError && error.code === 'FORBIDDEN'
            ? { status: 'forbidden', message: error.message }
            : { status: 'failed', message: messageOf(error) },
        ),
    )
  }
  useEffect(check, [])
  return { access, retryAccess: check }
}

/**
 * The till, one purchase at a time: find the member (scan or type), confirm who it is, enter amount and
 * order number, record. The order number is the idempotency key, so a retried tap cannot count twice.
 */
export const usePurchaseDesk = () => {
  const { access, retryAccess } = useStaffAccess()
  const [codeText, setCodeText] = useState('')
  const [codeError, setCodeError] = useState<string>()
  const [lookingUp, setLookingUp] = useState(false)
  const [member, setMember] = useState<MemberSummary | null>(null)
  const [amountText, setAmountText] = useState('')
  const [orderNo, setOrderNo] = useState('')
  const [errors, setErrors] = useState<PurchaseErrors>({})
  const [recording, setRecording] = useState(false)
  const [result, setResult] = useState<PurchaseResult | null>(null)

  const lookUp = async (text: string = codeText) => {
    if (lookingUp) return
    const code = checkMemberCode(text)
    if (!code.ok) return setCodeError(code.message)
    setCodeError(undefined)
    setLookingUp(true)
    try {
      setMember((await callCloud('staff', 'lookupMember', { code: code.code })).member)
    } catch (error) {
      setCodeError(messageOf(error))
    } finally {
      setLookingUp(false)
    }
  }

  /** WeChat's scanner; a cancelled scan is not an error. */
  const scan = async () => {
    let scanned: string
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch {
      return
    }
    setCodeText(scanned)
    await lookUp(scanned)
  }

  const record = async () => {
    if (!member || recording) return
    const checked = checkPurchase(member.memberNo, amountText, orderNo)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setRecording(true)
    try {
      setResult(await callCloud('staff', 'recordPurchase', checked.input))
    } catch (error) {
      setErrors(purchaseErrorsFrom(error, messageOf(error)))
    } finally {
      setRecording(false)
    }
  }

  /** Back to an empty till for the next customer. */
  const startOver = () => {
    setCodeText('')
    setCodeError(undefined)
    setMember(null)
    setAmountText('')
    setOrderNo('')
    setErrors({})
    setResult(null)
  }

  return {
    access,
    retryAccess,
    code: { text: codeText, error: codeError, lookingUp, change: setCodeText, lookUp: () => lookUp(), scan },
    member,
    purchase: {
      amountText,
      orderNo,
      errors,
      recording,
      changeAmount: (text: string) => {
        setAmountText(text)
        setErrors(({ amount: _cleared, ...others }) => others)
      },
      changeOrderNo: (text: string) => {
        setOrderNo(text)
        setErrors(({ orderNo: _cleared, ...others }) => others)
      },
      record,
    },
    result,
    startOver,
  }
}
