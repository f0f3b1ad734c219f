import type { CustomerProfileView, MemberSummary, MemberView } from '../../src/api/contract'
import type { CustomerProfile, Member } from '../../src/domain/member'
import { maskMobile } from '../../src/domain/member'
import { FREE_TEXT } from '../../src/domain/erasure'
import { maskMobilesIn } from '../../src/domain/phones'
import { availablePoints } from '../../src/domain/points'
import { effectiveTier } from '../../src/domain/tiers'
import type { StoreDoc } from './collections'
import { storeView } from './reference'

/** The shopper's own view of their card: tier state included, so the page computes progress itself. */
export const memberView = (m: Member, store: StoreDoc | null): MemberView => ({
  memberNo: m.memberNo,
  name: m.name,
  mobileMasked: maskMobile(m.mobile),
  birthday: m.birthday,
  pointsBalance: m.pointsBalance,
  pointBatches: m.pointBatches,
  pointsNextExpiry: m.pointsNextExpiry,
  joinedAt: m.joinedAt,
  store: storeView(store),
  tier: m.tier,
  vipUntil: m.vipUntil,
  vipYearEnd: m.vipYearEnd,
  vipYearSpendFen: m.vipYearSpendFen,
  qualifyingSpendFen: m.qualifyingSpendFen,
  lifetimeSpendFen: m.lifetimeSpendFen,
  goldSince: m.goldSince,
})

/** What the till sees: the tier and the points usable now (expired batches count for nothing, even before the job runs). */
export const memberSummary = (m: Member, now: string): MemberSummary => ({
  memberNo: m.memberNo,
  name: m.name,
  mobileMasked: maskMobile(m.mobile),
  birthday: m.birthday,
  tier: effectiveTier(m, now),
  vipUntil: effectiveTier(m, now) === 'vip' ? m.vipUntil : null,
  pointsBalance: availablePoints(m, now),
})

/**
 * The customer card as staff and operators read it. The delivery address is the member's own, and its phone is
 * usually their mobile: it leaves the server masked, like `mobileMasked`, so no page has a full number to show.
 */
export const customerProfileView = (profile: CustomerProfile | undefined): CustomerProfileView => {
  const { deliveryAddress, ...rest } = profile ?? {}
  if (deliveryAddress === undefined) return rest
  return {
    ...rest,
    deliveryAddress: deliveryAddress && {
      recipient: deliveryAddress.recipient,
      phoneMasked: maskMobile(deliveryAddress.phone),
      address: deliveryAddress.address,
    },
  }
}

/** Documents are stored without their `_id` in the body of a set(); the SDK refuses to write `_id`. */
export const withoutId = <T extends { _id: string }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc
  void _id
  return rest
}

/** Typed text in a staff or operator answer (a note, a reason, a delivery recipient or address). */
const TYPED = new Set([...FREE_TEXT, 'recipient', 'address'])

/**
 * A staff or operator answer with every mobile number people typed into it masked (a daughter's number in a staff
 * note, a caller's in an operator's reason): the structured phones are masked by the views above, and a number
 * written into words leaves the server masked too.
 */
export const maskTypedPhones = <T>(value: T, typed = false): T => {
  if (typeof value === 'string') return (typed ? maskMobilesIn(value) : value) as T
  if (Array.isArray(value)) return (value as unknown[]).map((v) => maskTypedPhones(v, typed)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskTypedPhones(v, typed || TYPED.has(k))])) as T
  return value
}
