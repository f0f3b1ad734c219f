/**
 * WeChat one-time subscribe messages. A member's consent (given on a page through requestSubscribeMessage)
 * allows exactly one message, so consents are counted on the member document and a send uses one up first.
 * Error 43101 means no consent is left on WeChat's side: the count is zeroed and the send never retried.
 */
import type { SubscribeTemplates } from '../../src/api/contract'
import type { SubscriptionKind } from '../../src/domain/member'
import { openApi } from './cloud'
import { data, tx } from './data'
import { redactForLog } from './redact'
import { inTransaction } from './transaction'
import { wantsMessage } from '../../src/domain/messagePrefs'

/** Template ids come from the deployment (each brand's mini-program has its own); the defaults serve the local cloud. */
export const subscribeTemplates = (): SubscribeTemplates => ({
  birthdayCoupon: process.env.SUBSCRIBE_TEMPLATE_BIRTHDAY_COUPON || 'local-birthday-coupon',
  eventReminder: process.env.SUBSCRIBE_TEMPLATE_EVENT_REMINDER || 'local-event-reminder',
  waitlistPromoted: process.env.SUBSCRIBE_TEMPLATE_WAITLIST_PROMOTED || 'local-waitlist-promoted',
})

/** A consent can be given many times over (each one a message); a cap keeps a stuck client from inflating it. */
const MAX_CONSENTS = 20

export const recordConsent = (memberId: string, kind: SubscriptionKind, accepted: boolean): Promise<number> =>
  inTransaction(async (t) => {
    const members = tx(t).members
    const member = await members.get(memberId)
    const current = member?.subscriptions?.[kind] ?? 0
    if (!member || !accepted) return current
    const next = Math.min(MAX_CONSENTS, current + 1)
    await members.update(memberId, { subscriptions: { [kind]: next } })
    return next
  })

/** WeChat says no consent is left (43101): the count follows it, so no send is tried on a consent that is gone. */
const noConsentLeft = (memberId: string, kind: SubscriptionKind) => data.members.update(memberId, { subscriptions: { [kind]: 0 } })

export type SendOutcome = 'sent' | 'no-consent' | 'refused' | 'failed'

/** How many message keys a member document keeps (see `notify`). */
const MESSAGE_KEYS_KEPT = 20

/**
 * Sends one subscribe message if the member has a consent left, using it up first. `key` names the message
 * (e.g. `reminder:<event>`): the consent it took is recorded with it, so a second attempt at the same message —
 * after an attempt whose consent was taken but whose answer was lost — sends it without taking another.
 */
export const notify = async (
  memberId: string,
  kind: SubscriptionKind,
  page: string,
  data: Record<string, { value: string }>,
  key?: string,
): Promise<SendOutcome> => {
  const consented = await inTransaction(async (t) => {
    const members = tx(t).members
    const member = await members.get(memberId)
    if (key !== undefined && member?.messageKeys?.includes(key)) return true
    // The member switched this kind off under 我的资料: not sent, and the consent is kept.
    if (member && !wantsMessage(member.profile, kind)) return false
    const left = member?.subscriptions?.[kind] ?? 0
    if (!member || left < 1) return false
    const taken = key === undefined ? {} : { messageKeys: [...(member.messageKeys ?? []), key].slice(-MESSAGE_KEYS_KEPT) }
    await members.update(memberId, { subscriptions: { [kind]: left - 1 }, ...taken })
    return true
  })
  if (!consented) return 'no-consent'
  try {
    await openApi().subscribeMessage.send({
      touser: memberId,
      templateId: subscribeTemplates()[kind],
      page,
      data,
      miniprogramState: 'formal',
    })
    return 'sent'
  } catch (e) {
    if ((e as { errCode?: number }).errCode === 43101) {
      await noConsentLeft(memberId, kind)
      return 'refused'
    }
    // Anything else: logged, not retried — a second message could arrive twice.
    console.error('[subscribeMessage.send]', redactForLog(e))
    return 'failed'
  }
}
