/**
 * WeChat one-time subscribe messages. A member's consent (given on a page through requestSubscribeMessage)
 * allows exactly one message, so consents are counted on the member document and a send uses one up first.
 * Error 43101 means no consent is left on WeChat's side: the count is zeroed and the send never retried.
 */
import type { SubscribeTemplates } from '../../src/api/contract'
import type { SubscriptionKind } from '../../src/domain/member'
import { businessTime } from '../../src/domain/time'
import { _, now, openApi } from './cloud'
import type { MessageStatsDoc } from './collections'
import { data, tx } from './data'
import { duplicateKeyIndex } from './errors'
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

type Counted = 'delivered' | 'refused' | 'failed' | 'noConsent' | 'reached'
const COUNTED_AS: Record<SendOutcome, Counted> = { sent: 'delivered', refused: 'refused', failed: 'failed', 'no-consent': 'noConsent' }

/** The month's counter for a kind gains `counts`: created by the first send of the month, `$inc` after. */
const count = async (month: string, kind: SubscriptionKind, counts: Partial<Record<Counted, number>>) => {
  const id = `msg:${month}:${kind}`
  const inc = Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, _.inc(n)]))
  if (await data.stats.update(id, inc)) return
  const zero: MessageStatsDoc = { _id: id, month, kind, delivered: 0, refused: 0, failed: 0, noConsent: 0, reached: 0 }
  try {
    await data.stats.add({ ...zero, ...counts })
  } catch (e) {
    // Another send created it first.
    if (duplicateKeyIndex(e) !== '_id_') throw e
    await data.stats.update(id, inc)
  }
}

/**
 * Counts a send's outcome for the operators' figures (ops.messageFigures). WeChat tells the brand nothing about
 * messages afterwards, so what each send learned is all there is. A delivered message marks the member with the
 * month (one conditional update): only the first of the month counts them reached. A count that fails is logged
 * and dropped: the message went or not regardless, and a retry of the send could deliver it twice.
 */
const tally = async (memberId: string, kind: SubscriptionKind, outcome: SendOutcome) => {
  try {
    const month = businessTime(now()).format('YYYY-MM')
    const first =
      outcome === 'sent' &&
      (await data.members.where({ _id: memberId, [`messagedIn.${kind}`]: _.neq(month) }).update({ messagedIn: { [kind]: month } })) > 0
    await count(month, kind, { [COUNTED_AS[outcome]]: 1, ...(first ? { reached: 1 } : {}) })
  } catch (e) {
    console.error('[message figures]', redactForLog(e))
  }
  return outcome
}

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
  if (!consented) return tally(memberId, kind, 'no-consent')
  try {
    await openApi().subscribeMessage.send({
      touser: memberId,
      templateId: subscribeTemplates()[kind],
      page,
      data,
      miniprogramState: 'formal',
    })
  } catch (e) {
    if ((e as { errCode?: number }).errCode === 43101) {
      await noConsentLeft(memberId, kind)
      return tally(memberId, kind, 'refused')
    }
    // Anything else: logged, not retried — a second message could arrive twice.
    console.error('[subscribeMessage.send]', redactForLog(e))
    return tally(memberId, kind, 'failed')
  }
  return tally(memberId, kind, 'sent')
}
