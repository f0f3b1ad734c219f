import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { JoinOfferView } from '../../api/contract'
import { businessTime } from '../../domain/time'
import { callCloud, messageOf } from '../../services/cloud'
import { phoneCodeOf, type PhoneNumberDetail } from '../../services/phoneCode'
import { PRIVACY_DECLINED } from '../../services/privacyAuth'
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
  type PhoneMode,
} from './joinForm'

const todayInBusinessTime = () => {
  const t = businessTime(new Date())
  return { year: t.year(), month: t.month() + 1, day: t.date() }
}

/** WeChat's errMsg when the shopper tapped 拒绝 on its sheet. */
const refusedByShopper = (detail?: PhoneNumberDetail) => /deny|cancel/.test(detail?.errMsg ?? '')

/**
 * The join page's state. A row shows its error once the shopper has left it (or tried to submit), so
 * typing is not interrupted; a server error stays on its row until that row changes.
 */
export const useJoinForm = () => {
  const { params } = useRouter()
  const [arrival] = useState(() => arrivalFromParams(params))
  const [checkingMembership, setCheckingMembership] = useState(true)
  const [offer, setOffer] = useState<JoinOfferView | null>(null)
  const [draft, setDraft] = useState<JoinDraft>(EMPTY_DRAFT)
  const [touched, setTouched] = useState<ReadonlySet<JoinField>>(new Set())
  const [serverErrors, setServerErrors] = useState<JoinErrors>({})
  /** Why the page asks to type the number: WeChat gave none. */
  const [phoneNotice, setPhoneNotice] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  // A member who scans a store QR (or opens a friend's invitation) goes straight to their card: an invitation
  // binds only new members. Anyone else reads where they are joining and what they get.
  useEffect(() => {
    callCloud('member', 'getCard', {}).then(
      () => Taro.reLaunch({ url: ROUTES.card }),
      () => {
        setCheckingMembership(false)
        callCloud('member', 'joinOffer', arrival.scene ? { scene: arrival.scene } : {}).then(setOffer, () => undefined)
      },
    )
  }, [arrival.scene])

  const today = todayInBusinessTime()
  const validation = validateJoin(draft, arrival, today)
  const clientErrors: JoinErrors = validation.ok ? {} : validation.errors

  const errorOf = (row: JoinField): string | undefined => serverErrors[row] ?? (touched.has(row) ? clientErrors[row] : undefined)

  const touch = (row: JoinField) => setTouched((rows) => new Set(rows).add(row))

  const change = (row: JoinField, patch: Partial<JoinDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setServerErrors(({ [row]: _cleared, ...others }) => others)
  }

  /**
   * The consent box. Ticking it is also when WeChat's own privacy guide is asked for (app.json
   * `__usePrivacyCheck__`): its phone sheet opens only once that is agreed, so a refusal is said here, in words,
   * rather than as a sheet that never opens. `askPrivacy` is services/privacyAuth's ensurePrivacyAuthorized.
   */
  const toggleConsent = async (askPrivacy: () => Promise<boolean>) => {
    if (draft.consent) return change('consent', { consent: false })
    if (!(await askPrivacy())) return setServerErrors((errors) => ({ ...errors, consent: PRIVACY_DECLINED }))
    change('consent', { consent: true })
  }

  const choosePhoneMode = (phoneMode: PhoneMode) => {
    change('mobile', { phoneMode })
    setPhoneNotice(null)
  }

  /**
   * 立即加入. In the `wechat` mode WeChat's sheet comes last, once every other row is right: on weapp the button
   * itself opens it (open-type="getPhoneNumber") and hands its event here; on H5 phoneCodeOf shows the stand-in.
   * No code (拒绝, or no permission) switches to typing; nothing is sent.
   */
  const submit = async (detail?: PhoneNumberDetail) => {
    setTouched(new Set(JOIN_ROWS))
    if (!validation.ok || submitting) return
    setSubmitting(true)
    setServerErrors({})
    let input = validation.input
    if (draft.phoneMode === 'wechat') {
      const code = await phoneCodeOf(detail).catch(() => null)
      if (!code) {
        setPhoneNotice(refusedByShopper(detail) ? '未允许使用微信手机号，请填写手机号' : '未能获取微信手机号，请填写手机号')
        setDraft((d) => ({ ...d, phoneMode: 'typed' }))
        // The notice says what to do; "请填写 11 位手机号" would only repeat it before anything is typed.
        setTouched((rows) => new Set([...rows].filter((row) => row !== 'mobile')))
        setSubmitting(false)
        return
      }
      const withCode = validateJoin(draft, arrival, today, code)
      if (withCode.ok) input = withCode.input
    }
    try {
      await callCloud('member', 'join', input)
      // The card welcomes the new member with the coupons that arrived, then offers the birthday reminder.
      await Taro.reLaunch({ url: JOINED_CARD_URL })
    } catch (error) {
      setServerErrors(joinErrorsFrom(error, messageOf(error)))
      setSubmitting(false)
    }
  }

  return {
    checkingMembership,
    offer,
    /** Invited by a friend: their name when the share link carried it, '' when not known (a poster). */
    invitedBy: arrival.referral ? (arrival.inviterName ?? '') : null,
    draft,
    currentYear: today.year,
    errorOf,
    formError: serverErrors.form,
    phoneNotice,
    /** Every row but the number is right: WeChat's sheet may be asked for (weapp: the button turns open-type). */
    readyForPhone: validation.ok,
    canSubmit: draft.consent && !submitting,
    submitting,
    touch,
    change,
    toggleConsent,
    choosePhoneMode,
    submit,
  }
}
