/**
 * What the card page says under the card (src/domain/cardBanner.ts): one banner at a time — the birthday card,
 * else points expiring within 90 days, else the reminder opt-in — and the expiry on the card face only when the
 * birthday card holds the banner, so no expiry inside 90 days goes unsaid and nothing is said twice.
 */
import { cardNotices, EXPIRY_WARNING_DAYS, expiryToWarn } from '../../src/domain/cardBanner'
import { at } from '../support/clock'

const NOW = at('2026-11-23T14:00:00')
/** Points earned in 2025 expire at the first instant of 2027 in Shanghai (their last day: 2026-12-31). */
const END_OF_2026 = at('2027-01-01T00:00:00')
const END_OF_2027 = at('2028-01-01T00:00:00')
const soon = { expiresAt: END_OF_2026, points: 120 }
const far = { expiresAt: END_OF_2027, points: 400 }

describe('expiryToWarn', () => {
  it('warns about a batch expiring within 90 days, to the millisecond', () => {
    expect(EXPIRY_WARNING_DAYS).toBe(90)
    expect(expiryToWarn(soon, NOW)).toBe(soon)
    const ninetyDaysAhead = { expiresAt: new Date(Date.parse(NOW) + 90 * 86_400_000).toISOString(), points: 10 }
    expect(expiryToWarn(ninetyDaysAhead, NOW)).toBe(ninetyDaysAhead)
    expect(expiryToWarn({ ...ninetyDaysAhead, expiresAt: new Date(Date.parse(NOW) + 90 * 86_400_000 + 1).toISOString() }, NOW)).toBeNull()
  })

  it('says nothing of a batch a year away, of no batch, or of a batch of no points', () => {
    expect(expiryToWarn(far, NOW)).toBeNull()
    expect(expiryToWarn(null, NOW)).toBeNull()
    expect(expiryToWarn({ expiresAt: END_OF_2026, points: 0 }, NOW)).toBeNull()
  })

  it('reads the same in January for the year-end expiry: too far to warn', () => {
    expect(expiryToWarn(soon, at('2026-01-15T10:00:00'))).toBeNull()
    expect(expiryToWarn(soon, at('2026-10-03T00:00:00'))).toBe(soon)
  })
})

describe('cardNotices', () => {
  it('puts the birthday card first, and keeps expiring points on the card face', () => {
    expect(cardNotices({ birthdayCouponUsable: true, nextExpiring: soon, offerReminder: true }, NOW)).toEqual({
      banner: { kind: 'birthday' },
      faceExpiry: soon,
    })
  })

  it('with no birthday card, warns of expiring points in the banner and not again on the face', () => {
    expect(cardNotices({ birthdayCouponUsable: false, nextExpiring: soon, offerReminder: true }, NOW)).toEqual({
      banner: { kind: 'pointsExpiry', batch: soon },
      faceExpiry: null,
    })
  })

  it('offers the birthday reminder only when nothing more pressing is there, and never beside the birthday card', () => {
    expect(cardNotices({ birthdayCouponUsable: false, nextExpiring: far, offerReminder: true }, NOW)).toEqual({
      banner: { kind: 'reminder' },
      faceExpiry: null,
    })
    expect(cardNotices({ birthdayCouponUsable: true, nextExpiring: null, offerReminder: true }, NOW).banner).toEqual({ kind: 'birthday' })
  })

  it('shows nothing when there is nothing to say, and nothing of points expiring in more than 90 days', () => {
    expect(cardNotices({ birthdayCouponUsable: false, nextExpiring: far, offerReminder: false }, NOW)).toEqual({
      banner: null,
      faceExpiry: null,
    })
    expect(cardNotices({ birthdayCouponUsable: true, nextExpiring: far, offerReminder: false }, NOW)).toEqual({
      banner: { kind: 'birthday' },
      faceExpiry: null,
    })
  })
})
