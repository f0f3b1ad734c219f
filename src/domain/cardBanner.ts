/**
 * What the card page says under the card, one thing at a time. A shopper glancing at the card at the till should
 * meet one message, the most pressing: this month's birthday card (money off today), else points about to expire
 * (lost if not spent), else the offer to be told when the birthday card arrives (just after joining). Two banners
 * never say the same thing: the reminder is for a birthday card still to come, so it never shows beside one.
 */
import type { PointBatch } from './points'
import type { Instant } from './time'

/** Points expiring further away than this are not worth a warning yet (a year-end expiry, read in January). */
export const EXPIRY_WARNING_DAYS = 90

const DAY_MS = 86_400_000

/** The batch to warn about: the next to expire, if it expires within EXPIRY_WARNING_DAYS of `now`. */
export const expiryToWarn = (next: PointBatch | null, now: Instant): PointBatch | null =>
  next && next.points > 0 && Date.parse(next.expiresAt) - Date.parse(now) <= EXPIRY_WARNING_DAYS * DAY_MS ? next : null

export type CardBanner = { kind: 'birthday' } | { kind: 'pointsExpiry'; batch: PointBatch } | { kind: 'reminder' }

export interface CardNotices {
  /** The one banner under the card, or none. */
  banner: CardBanner | null
  /**
   * The expiry line on the card face, under the points: only when an expiry is worth a warning and the banner is
   * busy with the birthday card, so a December birthday does not hide December's expiring points.
   */
  faceExpiry: PointBatch | null
}

export interface CardFacts {
  /** This month's birthday card is in the wallet, usable. */
  birthdayCouponUsable: boolean
  /** The next batch of points to expire (`nextExpiring`), whatever its date. */
  nextExpiring: PointBatch | null
  /** The moment to offer the birthday-card reminder (just joined). */
  offerReminder: boolean
}

export const cardNotices = ({ birthdayCouponUsable, nextExpiring, offerReminder }: CardFacts, now: Instant): CardNotices => {
  const expiry = expiryToWarn(nextExpiring, now)
  if (birthdayCouponUsable) return { banner: { kind: 'birthday' }, faceExpiry: expiry }
  if (expiry) return { banner: { kind: 'pointsExpiry', batch: expiry }, faceExpiry: null }
  return { banner: offerReminder ? { kind: 'reminder' } : null, faceExpiry: null }
}
