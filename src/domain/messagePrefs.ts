/**
 * The kinds of messages a member chose under 我的资料 (new arrivals, events, birthday, points expiry), applied to
 * the subscribe messages the functions send: a kind switched off is not sent, and its WeChat consent is kept
 * for when the member switches it on again. Never chosen: WeChat's consents alone decide (as before).
 */
import type { CustomerProfile, MessageKinds, SubscriptionKind } from './member'

/** Which choice governs each subscribe message. */
export const MESSAGE_CHOICE: Record<SubscriptionKind, keyof MessageKinds> = {
  birthdayCoupon: 'birthday',
  eventReminder: 'events',
  waitlistPromoted: 'events',
}

/** Every subscribe message the functions send. */
export const SUBSCRIPTION_KINDS = Object.keys(MESSAGE_CHOICE) as SubscriptionKind[]

export const wantsMessage = (profile: CustomerProfile | undefined, kind: SubscriptionKind): boolean =>
  profile?.messages?.[MESSAGE_CHOICE[kind]] !== false
