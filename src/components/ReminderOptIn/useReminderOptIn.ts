import { useState } from 'react'
import type { SubscribeTemplates } from '../../api/contract'
import type { SubscriptionKind } from '../../domain/member'
import { callCloud, messageOf } from '../../services/cloud'
import { askSubscribeConsent } from '../../services/subscribe'

export type ReminderState =
  { status: 'offer' } | { status: 'asking' } | { status: 'accepted' } | { status: 'declined' } | { status: 'failed'; message: string }

/**
 * A reminder opt-in: one consent = one message (WeChat's one-time subscription), asked at the moments a
 * shopper cares (just joined, just exchanged, just RSVPed). The consent for every kind is asked first, in one
 * sheet inside the tap (WeChat requires it), then each answer recorded on the server, which spends a consent
 * when it sends that kind of message. Accepted once any kind was accepted.
 */
export const useReminderOptIn = (templates: SubscribeTemplates, kinds: readonly SubscriptionKind[]) => {
  const [state, setState] = useState<ReminderState>({ status: 'offer' })

  const record = async (consent: Promise<boolean[]>) => {
    let answers: boolean[]
    try {
      answers = await consent
    } catch {
      // The sheet could not show (subscriptions switched off in WeChat's settings): nothing was consented.
      answers = kinds.map(() => false)
    }
    try {
      // One after another: each answer is its own small write to the member's consents.
      for (const [i, template] of kinds.entries())
        await callCloud('member', 'recordSubscription', { template, accepted: answers[i] ?? false })
      setState({ status: answers.some(Boolean) ? 'accepted' : 'declined' })
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) })
    }
  }

  const optIn = () => {
    if (state.status === 'asking') return
    setState({ status: 'asking' })
    // No await before this call: WeChat shows its sheet only from within the tap.
    void record(askSubscribeConsent(kinds.map((kind) => templates[kind])))
  }

  return { state, optIn }
}
