/**
 * The shop floor's closed lists: the roles staff hold (a manager can do what an assistant can, and more) and
 * how a callback to a customer went. Written once here; the contract, the schemas and the pages derive theirs.
 */

export const STAFF_ROLES = ['assistant', 'manager'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** A callback's outcome, in the order the workbench offers them. */
export const CALLBACK_OUTCOMES = ['reached', 'message', 'noAnswer', 'declined'] as const
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number]

/** At most this many colleagues share a leaver's customers in one hand-over. */
export const MAX_HAND_OVER_RECEIVERS = 10

/**
 * A leaver's customers dealt out to colleagues in turn, as cards are: the customer at `position` in the walk goes
 * to `receivers[position % n]`. The walk is resumable (its position is recorded), so dealing needs no list kept.
 */
export const receiverAt = <T>(position: number, receivers: readonly T[]): T => receivers[position % receivers.length]

/** How many of `total` customers each of `n` colleagues receives when dealt in turn: the first ones one more. */
export const handOverShares = (total: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0))
