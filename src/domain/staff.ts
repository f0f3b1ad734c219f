/**
 * The shop floor's closed lists: the roles staff hold (a manager can do what an assistant can, and more) and
 * how a callback to a customer went. Written once here; the contract, the schemas and the pages derive theirs.
 */

export const STAFF_ROLES = ['assistant', 'manager'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** A callback's outcome, in the order the workbench offers them. */
export const CALLBACK_OUTCOMES = ['reached', 'message', 'noAnswer', 'declined'] as const
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number]
