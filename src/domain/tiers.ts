import type { Fen } from './money'
import type { ProgramRules, TierId } from './program'
import type { ShopperRules } from './shopperRules'
import { addBusinessMonths, extendCoveredMonths, startOfNextBusinessDay, isBefore, type Instant } from './time'

/**
 * What the tier rules need to know about a member. Lives on the member document, so one conditional
 * write in a transaction keeps it consistent.
 */
export interface TierState {
  /** The tier as of the last purchase; read it through `effectiveTier`, since a VIP year can lapse in between. */
  tier: TierId
  /** Exclusive end of VIP (start of the business day after the last covered day); null unless VIP. */
  vipUntil: Instant | null
  /** Exclusive end of the VIP year whose spend counts toward renewal; equals vipUntil until renewed. */
  vipYearEnd: Instant | null
  /** Spend within the current VIP year. */
  vipYearSpendFen: Fen
  /** Spend accumulated while not VIP, toward the cumulative VIP threshold; reset when VIP is granted. */
  qualifyingSpendFen: Fen
  /** Every purchase ever, toward permanent gold. */
  lifetimeSpendFen: Fen
  /** When gold was granted; gold never lapses. */
  goldSince: Instant | null
}

export const INITIAL_TIER_STATE: TierState = {
  tier: 'member',
  vipUntil: null,
  vipYearEnd: null,
  vipYearSpendFen: 0,
  qualifyingSpendFen: 0,
  lifetimeSpendFen: 0,
  goldSince: null,
}

export type TierChange = { kind: 'vip_granted'; vipUntil: Instant } | { kind: 'vip_renewed'; vipUntil: Instant } | { kind: 'gold_granted' }

/** VIP runs out at `vipUntil` exactly: a purchase at that instant is a member's purchase. */
export const effectiveTier = (state: TierState, now: Instant): TierId => {
  if (state.tier === 'vip' && (state.vipUntil === null || !isBefore(now, state.vipUntil))) return 'member'
  return state.tier
}

/** A VIP year that ran out becomes a plain member again, with a fresh count toward VIP. */
export const lapseIfExpired = (state: TierState, now: Instant): TierState =>
  state.tier === 'vip' && effectiveTier(state, now) === 'member'
    ? { ...state, tier: 'member', vipUntil: null, vipYearEnd: null, vipYearSpendFen: 0, qualifyingSpendFen: 0 }
    : state

/**
 * After a renewal, once the old VIP year is over, the next one starts counting from zero and ends where the renewal
 * did. (Still VIP past the year's end means it was renewed, once, to `vipUntil`; taking that end rather than adding
 * the months again keeps the two equal even when the program's months changed in between.)
 */
export const rollVipYear = (state: TierState, now: Instant): TierState => {
  if (state.tier !== 'vip' || state.vipYearEnd === null || state.vipUntil === null || isBefore(now, state.vipYearEnd)) return state
  return { ...state, vipYearEnd: state.vipUntil, vipYearSpendFen: 0 }
}

/** A renewal's new end: `validMonths` added to the last covered business date (28 Feb + 12 months = 28 Feb). */
const renewedEnd = (vipUntil: Instant, program: Pick<ShopperRules, 'vip'>): Instant =>
  extendCoveredMonths(vipUntil, program.vip.validMonths)

/** VIP from the day of the qualifying purchase through the same date `validMonths` later. */
export const vipEndFor = (purchasedAt: Instant, program: ProgramRules): Instant =>
  startOfNextBusinessDay(addBusinessMonths(purchasedAt, program.vip.validMonths))

/**
 * Applies one purchase to the tier rules. Pure: the caller passes the clock (the purchase time).
 * Order matters and follows the handbook: an expired VIP lapses first; lifetime spend can make gold;
 * otherwise a member may qualify for VIP, and a VIP may renew once per VIP year.
 */
export const applyPurchaseToTier = (
  before: TierState,
  amountFen: Fen,
  at: Instant,
  program: ProgramRules,
): { state: TierState; change: TierChange | null } => {
  let state = rollVipYear(lapseIfExpired(before, at), at)
  state = { ...state, lifetimeSpendFen: state.lifetimeSpendFen + amountFen }

  if (state.tier !== 'gold' && state.lifetimeSpendFen >= program.gold.lifetimeFen) {
    return {
      state: { ...state, tier: 'gold', goldSince: at, vipUntil: null, vipYearEnd: null, vipYearSpendFen: 0 },
      change: { kind: 'gold_granted' },
    }
  }

  if (state.tier === 'member') {
    const qualifyingSpendFen = state.qualifyingSpendFen + amountFen
    if (amountFen >= program.vip.singlePurchaseFen || qualifyingSpendFen >= program.vip.cumulativeFen) {
      const vipUntil = vipEndFor(at, program)
      return {
        // The qualifying purchase earns the VIP year; it does not also count toward renewing it.
        state: { ...state, tier: 'vip', vipUntil, vipYearEnd: vipUntil, vipYearSpendFen: 0, qualifyingSpendFen: 0 },
        change: { kind: 'vip_granted', vipUntil },
      }
    }
    return { state: { ...state, qualifyingSpendFen }, change: null }
  }

  if (state.tier === 'vip' && state.vipUntil !== null && state.vipYearEnd !== null) {
    const vipYearSpendFen = state.vipYearSpendFen + amountFen
    const notYetRenewedThisYear = state.vipUntil === state.vipYearEnd
    if (notYetRenewedThisYear && vipYearSpendFen >= program.vip.renewFen) {
      const vipUntil = renewedEnd(state.vipUntil, program)
      return { state: { ...state, vipYearSpendFen, vipUntil }, change: { kind: 'vip_renewed', vipUntil } }
    }
    return { state: { ...state, vipYearSpendFen }, change: null }
  }

  return { state, change: null }
}

/** What the card shows under the tier: how far to the next step, all in fen, for the page to word. */
export type TierProgress =
  | {
      tier: 'member'
      /** Spend still needed toward the cumulative threshold. */
      cumulativeRemainingFen: Fen
      cumulativeTargetFen: Fen
      /** One purchase of this much also qualifies. */
      singlePurchaseFen: Fen
    }
  | {
      tier: 'vip'
      vipUntil: Instant
      /** Null once this VIP year has already been renewed. */
      renewal: { remainingFen: Fen; targetFen: Fen; extendsTo: Instant } | null
      goldRemainingFen: Fen
    }
  | { tier: 'gold' }

/** Works from the rules a shopper's phone has (the VIP and gold thresholds), as well as from the whole rules. */
export const tierProgress = (state: TierState, program: Pick<ShopperRules, 'vip' | 'gold'>, now: Instant): TierProgress => {
  const current = rollVipYear(lapseIfExpired(state, now), now)
  if (current.tier === 'gold') return { tier: 'gold' }
  const goldRemainingFen = Math.max(0, program.gold.lifetimeFen - current.lifetimeSpendFen)
  if (current.tier === 'vip' && current.vipUntil !== null && current.vipYearEnd !== null) {
    const renewed = current.vipUntil !== current.vipYearEnd
    return {
      tier: 'vip',
      vipUntil: current.vipUntil,
      renewal: renewed
        ? null
        : {
            remainingFen: Math.max(0, program.vip.renewFen - current.vipYearSpendFen),
            targetFen: program.vip.renewFen,
            extendsTo: renewedEnd(current.vipUntil, program),
          },
      goldRemainingFen,
    }
  }
  return {
    tier: 'member',
    cumulativeRemainingFen: Math.max(0, program.vip.cumulativeFen - current.qualifyingSpendFen),
    cumulativeTargetFen: program.vip.cumulativeFen,
    singlePurchaseFen: program.vip.singlePurchaseFen,
  }
}

/** The stored tier state as of `now`: lapsed VIPs become members, a finished renewed year rolls over. */
export const normalizeTier = (state: TierState, now: Instant): TierState => rollVipYear(lapseIfExpired(state, now), now)

/** One purchase as the tier rules see it: when, and how much of it was kept (its amount less refunds). */
export interface SpendEvent {
  at: Instant
  netFen: Fen
}

/**
 * The tier a purchase history earns: every purchase replayed in time order with its amount net of refunds, from the
 * member's opening state (a new member's, or what an import recorded: Member.openingTier).
 * A refund recomputes the tier this way, so it can take away a VIP whose qualifying purchase it un-does.
 * Gold that the replay no longer reaches is kept when the program says so (the handbook's default).
 */
export const tierFromHistory = (
  history: SpendEvent[],
  program: ProgramRules,
  before: TierState & { openingTier?: TierState },
): TierState => {
  // An imported member's history starts from the state the brand recorded (their tier, VIP date, lifetime spend).
  const replayed = [...history]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .filter((event) => event.netFen > 0)
    .reduce((state, event) => applyPurchaseToTier(state, event.netFen, event.at, program).state, before.openingTier ?? INITIAL_TIER_STATE)
  if (before.tier === 'gold' && replayed.tier !== 'gold' && program.gold.keptWhenRefundsUnqualify) {
    return { ...replayed, tier: 'gold', goldSince: before.goldSince, vipUntil: null, vipYearEnd: null, vipYearSpendFen: 0 }
  }
  return replayed
}
