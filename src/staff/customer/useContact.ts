import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CustomerView, StaffView } from '../../api/contract'
import type { CallbackOutcome } from '../../domain/staff'
import { callCloud, messageOf } from '../../services/cloud'
import { ensurePrivacyAuthorized, PRIVACY_DECLINED } from '../../services/privacyAuth'
import { usePendingRequest } from '../../services/requestId'
import { nextCallbackText, OUTCOME_NAMES, suggestedTemplate, templateText, type MessageTemplate } from '../../wording/workbench'

/**
 * WeChat dials; the browser preview has no phone to dial with (Taro's H5 would navigate to tel:), so it shows the
 * number. TARO_ENV is a build-time constant; read when called so a test can stand in for WeChat.
 */
const canDial = () => process.env.TARO_ENV === 'weapp'

type PhoneState =
  { status: 'hidden' } | { status: 'revealing' } | { status: 'shown'; mobile: string } | { status: 'failed'; message: string }

/**
 * 联系顾客 on the record: the customer's own assistant reveals the number (the server checks who, and logs each
 * reveal) and calls; after the call, one tap on how it went logs the callback with the next date the server picks.
 * And a message to copy into WeChat, signed by the assistant.
 */
export const useContact = (customer: CustomerView, staff: StaffView, onLogged: () => Promise<void>) => {
  const reveal = usePendingRequest()
  const log = usePendingRequest()
  const [phone, setPhone] = useState<PhoneState>({ status: 'hidden' })
  const [called, setCalled] = useState(false)
  const [sending, setSending] = useState<CallbackOutcome | null>(null)
  const [logged, setLogged] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [template, setTemplate] = useState<MessageTemplate>(() => suggestedTemplate(customer, new Date().toISOString()))
  const [copied, setCopied] = useState<string | null>(null)

  const own = customer.assistant?.staffId === staff.staffId
  const callable = own && !customer.mobileUnconfirmed

  const call = async () => {
    if (!callable || phone.status === 'revealing') return
    let mobile = phone.status === 'shown' ? phone.mobile : null
    if (!mobile) {
      setPhone({ status: 'revealing' })
      try {
        // One reveal per tap, logged once even when the answer is lost and the tap repeated.
        const revealed = await reveal.send((requestId) => callCloud('staff', 'revealPhone', { memberCode: customer.memberNo, requestId }))
        mobile = revealed.mobile
        setPhone({ status: 'shown', mobile })
      } catch (e) {
        setPhone({ status: 'failed', message: messageOf(e) })
        return
      }
    }
    setCalled(true)
    setLogged(null)
    setError(null)
    if (canDial()) void Taro.makePhoneCall({ phoneNumber: mobile }).catch(() => undefined)
  }

  const logOutcome = async (outcome: CallbackOutcome) => {
    if (sending) return
    setSending(outcome)
    setError(null)
    try {
      const result = await log.send((requestId) => callCloud('staff', 'logCallback', { memberCode: customer.memberNo, outcome, requestId }))
      const next = nextCallbackText(result.customer.nextCallbackAt)
      setLogged(`已记录回访：${OUTCOME_NAMES[outcome]}${next ? `，${next}` : ''}`)
      setCalled(false)
      await onLogged()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setSending(null)
    }
  }

  const text = templateText(template, {
    customerName: customer.name,
    staffName: staff.name,
    storeName: customer.store?.name ?? staff.store.name,
  })

  const copy = async () => {
    // The clipboard is a privacy API: WeChat asks for the privacy guide's consent first.
    if (!(await ensurePrivacyAuthorized())) return setCopied(PRIVACY_DECLINED)
    await Taro.setClipboardData({ data: text }).then(
      () => setCopied('已复制，可粘贴到微信发给顾客'),
      () => setCopied('未能复制，请长按上面的文字复制'),
    )
  }

  return {
    own,
    callable,
    canDial: canDial(),
    phone,
    called,
    sending,
    logged,
    error,
    template,
    text,
    copied,
    call: () => void call(),
    logOutcome: (o: CallbackOutcome) => void logOutcome(o),
    pickTemplate: (t: MessageTemplate) => {
      setTemplate(t)
      setCopied(null)
    },
    copy: () => void copy(),
  }
}
