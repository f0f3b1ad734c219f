/** The closed set of failures a caller can meet. Pages show `message`; code is for programs. */
export type ErrorCode =
  | 'INVALID_INPUT' // a field is malformed; details lists every bad field
  | 'NOT_A_MEMBER' // the caller has not joined yet
  | 'MEMBER_NOT_FOUND' // a scanned/typed member code matches nobody
  | 'CODE_INVALID' // a dynamic member code that is mistyped, tampered, forged or made with a reset secret; an unknown invitation
  | 'CODE_EXPIRED' // a dynamic member code older than 60 s (an old screenshot), a till session past its time, an invitation
  | 'CODE_ALREADY_USED' // a dynamic member code accepted before (a second scan, or by another till); a used invitation
  | 'CODE_LOCKED' // too many wrong dynamic codes for this member: every dynamic code of theirs refused for a while
  | 'TILL_PAUSED' // too many wrong dynamic codes from this assistant: their member-code actions wait for the manager
  | 'PHONE_CODE_INVALID' // a getPhoneNumber code WeChat does not resolve: expired (5 min), used, or not the caller's
  | 'PHONE_IN_USE' // the verified number is another membership's (or an imported record's): moving it is the store's
  | 'FORBIDDEN' // the caller lacks the role the action needs
  | 'SESSION_ENDED' // a desk session that expired (8 h), was revoked, or whose operator left: sign in again
  | 'LOGIN_EXPIRED' // a desk sign-in QR code past its 2 minutes, already answered, or already used
  | 'IDEMPOTENCY_CONFLICT' // the same key was used before with different content
  | 'INSUFFICIENT_POINTS' // the usable balance does not cover a redemption or deduction
  | 'ORDER_NOT_FOUND' // a refund names an order this store never recorded
  | 'ALREADY_REFUNDED' // the order has been refunded in full
  | 'COUPON_NOT_FOUND' // a scanned/typed coupon code matches nothing
  | 'COUPON_ALREADY_USED' // the coupon was used (also: lost a race to another scan)
  | 'COUPON_NOT_APPLICABLE' // expired, not yet valid, wrong tier, below the minimum spend
  | 'COUPON_NOT_AVAILABLE' // cannot be issued to this member (inactive template, tier, not open yet)
  | 'OUT_OF_STOCK' // the coupon or catalog item has run out
  | 'NOT_IN_AUDIENCE' // a campaign for other members (another store, tier, list or class)
  | 'LIMIT_REACHED' // the member's per-item limit is used up
  | 'EVENT_NOT_FOUND' // an event id that names no event
  | 'EVENT_CLOSED' // an operator closed the event to RSVPs (and waitlist places)
  | 'EVENT_ENDED' // an event that has ended is history: it can no longer be edited
  | 'RSVP_DEADLINE_PASSED' // an RSVP at or after the event's RSVP deadline
  | 'RSVP_NOT_FOUND' // a cancellation by a member who never RSVPed to the event
  | 'RSVP_ALREADY_CANCELLED' // a cancellation of an RSVP cancelled before (a second tap)
  | 'CANCEL_DEADLINE_PASSED' // a cancellation at or after the event's cancellation deadline
  | 'TICKET_NOT_CONFIRMED' // a check-in of an RSVP that is waitlisted or cancelled
  | 'OUTSIDE_CHECK_IN_TIME' // a check-in before the event's day or after it ended
  | 'TICKET_NOT_FOUND' // a scanned/typed ticket code matches no RSVP
  | 'ALREADY_CHECKED_IN' // the guest was checked in at the door: the RSVP can no longer be cancelled
  | 'VERSION_CONFLICT' // someone else saved a newer version since the caller loaded it; reload and redo
  | 'STORE_OUT_OF_STOCK' // a catalog item with per-store stock has none left at the store that hands it over
  | 'IN_USE' // a coupon template still named by catalog items, live campaigns or the rules: retiring it needs a yes
  | 'BUSY' // too much contention on one document; safe to retry with the same key
  | 'UNAUTHORIZED' // the POS API: a request not signed by a live key (bad signature, stale time, reused nonce, unknown or revoked key)
  | 'RATE_LIMITED' // the POS API: the key sent more requests this minute than it may; retry after Retry-After seconds
  | 'NOT_FOUND' // the POS API: no such endpoint or method
  | 'INTERNAL' // a bug or an outage; nothing the caller did

// A record, not a list: the compiler names any code added to ErrorCode and missing here.
const ALL_ERROR_CODES: Record<ErrorCode, true> = {
  INVALID_INPUT: true,
  NOT_A_MEMBER: true,
  MEMBER_NOT_FOUND: true,
  CODE_INVALID: true,
  CODE_EXPIRED: true,
  CODE_ALREADY_USED: true,
  CODE_LOCKED: true,
  TILL_PAUSED: true,
  PHONE_CODE_INVALID: true,
  PHONE_IN_USE: true,
  FORBIDDEN: true,
  SESSION_ENDED: true,
  LOGIN_EXPIRED: true,
  IDEMPOTENCY_CONFLICT: true,
  INSUFFICIENT_POINTS: true,
  ORDER_NOT_FOUND: true,
  ALREADY_REFUNDED: true,
  COUPON_NOT_FOUND: true,
  COUPON_ALREADY_USED: true,
  COUPON_NOT_APPLICABLE: true,
  COUPON_NOT_AVAILABLE: true,
  OUT_OF_STOCK: true,
  NOT_IN_AUDIENCE: true,
  LIMIT_REACHED: true,
  EVENT_NOT_FOUND: true,
  EVENT_CLOSED: true,
  EVENT_ENDED: true,
  RSVP_DEADLINE_PASSED: true,
  RSVP_NOT_FOUND: true,
  RSVP_ALREADY_CANCELLED: true,
  CANCEL_DEADLINE_PASSED: true,
  TICKET_NOT_CONFIRMED: true,
  OUTSIDE_CHECK_IN_TIME: true,
  TICKET_NOT_FOUND: true,
  ALREADY_CHECKED_IN: true,
  VERSION_CONFLICT: true,
  STORE_OUT_OF_STOCK: true,
  IN_USE: true,
  BUSY: true,
  UNAUTHORIZED: true,
  RATE_LIMITED: true,
  NOT_FOUND: true,
  INTERNAL: true,
}

/** Every code a function may answer: what a client or a test accepts as a known failure. */
export const ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(ALL_ERROR_CODES))

export interface FieldError {
  field: string
  message: string
}

export class AppError extends Error {
  override name = 'AppError' as const
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldError[] } & Record<string, unknown>,
  ) {
    super(message)
  }
}

/** One field refused for a reason only the server can see (the store, the state): worded once, at its row. */
export const fieldRefused = (field: string, message: string): AppError =>
  new AppError('INVALID_INPUT', message, { fields: [{ field, message }] })

export const invalidInput = (fields: FieldError[]): AppError =>
  new AppError('INVALID_INPUT', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields })
