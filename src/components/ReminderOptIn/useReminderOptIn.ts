import { useState } from 'react'
import type { SubscribeTemplates } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { askSubscribeConsent } from '../../services/subscribe'

export type ReminderState =
  | { status: 'offer' }
  | { status: 'asking' }
  | { status: 'accepted' }
  | { status: 'declined' }
  | { status: 'failed'; message: string }

/**
 * The birthday-coupon reminder: one consent = one message (WeChat's one-time subscription), asked at the
 * moments a shopper cares (just joined, just exchanged). The consent is asked first, inside the tap (WeChat
 * requires it), then recorded on the server, which spends it when the birthday card is issued.
 */
export const useBirthdayReminder = (templates: SubscribeTemplates) => {
  const [state, setState] = useState<ReminderState>({ status: 'offer' })

  const record = async (consent: Promise<boolean>) => {
    let accepted: boolean
    try {
      accepted = await consent
    } catch {
      // The sheet could not show (subscriptions switched off in WeChat's settings): nothing was consented.
      accepted = false
    }
    try {
      await callCloud('member', 'recordSubscription', { template: 'birthdayCoupon', accepted })
      setState({ status: accepted ? 'accepted' : 'declined' })
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) })
    }
  }

  const optIn = () => {
    if (state.status === 'asking') return
    setState({ status: 'asking' })
    // No await before this call: WeChat shows its sheet only from within the tap.
    void record(askSubscribeConsent(templates.birthdayCoupon))
  }

  return { state, optIn }
}
