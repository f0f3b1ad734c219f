/**
 * When the demo's past happened: at shop hours (the demo store opens 10:00–22:00, business time), whatever hour
 * the demo is seeded — `npm start` at 3 a.m. must not show a purchase made at 3 a.m. every day back. Each moment
 * is a business day counted back from the seeding clock's, at a given shop-floor time; a moment of today still to
 * come (seeded before the store opens) moves to the day before, so nothing seeded lies in the future.
 */
import { businessTime, toInstant, type Instant } from '../src/domain/time'

/** The demo store's opening hours as hours of the business day: [opens, closes). */
export const SHOP_HOURS = { opens: 10, closes: 22 } as const

/** Whether an instant falls within shop hours on the business clock. */
export const inShopHours = (at: Instant): boolean => {
  const t = businessTime(at)
  const minutes = t.hour() * 60 + t.minute()
  return minutes >= SHOP_HOURS.opens * 60 && minutes < SHOP_HOURS.closes * 60
}

/**
 * `days` business days before the seeding clock's day, at `hour:minute` (a shop hour: refused otherwise, so a
 * demo written later cannot slip out of them). Never after `now`: today's moment still to come is yesterday's.
 */
export const shopMoment = (now: Date, days: number, hour: number, minute = 0): Instant => {
  if (hour < SHOP_HOURS.opens || hour >= SHOP_HOURS.closes || minute < 0 || minute > 59) {
    throw new RangeError(`demo moment ${hour}:${minute} is outside shop hours ${SHOP_HOURS.opens}:00–${SHOP_HOURS.closes}:00`)
  }
  const at = businessTime(now).startOf('day').subtract(days, 'day').hour(hour).minute(minute)
  return toInstant(at.isAfter(businessTime(now)) ? at.subtract(1, 'day') : at)
}
