import { useState } from 'react'
import { callCloud, messageOf } from '../../services/cloud'
import { phoneCodeOf, type PhoneNumberDetail } from '../../services/phoneCode'

/**
 * 会员手机号 on 我的资料: the number changes only to the one WeChat verifies (member.changeMobile). On WeChat the button
 * itself opens the phone sheet (open-type="getPhoneNumber") and hands its event here; on H5 phoneCodeOf shows the
 * stand-in. A number another membership holds comes back as the server's words: the store moves memberships.
 */
export const useMobileChange = (initial: { mobileMasked: string; mobileVerified: boolean }) => {
  const [shown, setShown] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)

  const change = async (detail?: PhoneNumberDetail) => {
    if (busy) return
    setError(null)
    setNote(null)
    setBusy(true)
    try {
      const phoneCode = await phoneCodeOf(detail).catch(() => null)
      if (!phoneCode) {
        setError('未获得微信验证的手机号，手机号未更改')
        return
      }
      const answer = await callCloud('member', 'changeMobile', { phoneCode })
      setShown({ mobileMasked: answer.mobileMasked, mobileVerified: answer.mobileVerified })
      setNote(answer.changed ? '手机号已更换' : '手机号已验证')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  /** A refusal before any call (the privacy guide declined): said at the row, nothing sent. */
  const refuse = (message: string) => {
    setNote(null)
    setError(message)
  }

  return { ...shown, busy, error, note, change, refuse }
}
