/**
 * Invitations: how a shop assistant, a store manager or an operator joins without anyone opening the database
 * console. An operator invites; the invitation carries a one-time code that expires; the invited person opens the
 * mini-program's accept page with it, and their WeChat identity (OPENID) becomes the staff or operator record.
 */
import type { Instant } from './time'

/**
 * How long an invitation may be accepted: a staff invitation is shown to a new assistant standing in the store and
 * scanned there (a day is plenty, and a lost screenshot is soon worthless); an operator's travels by message.
 */
export const INVITATION_HOURS = { staff: 24, operator: 7 * 24 } as const

/** The accept page, in the staff subpackage; the code rides in its query (`?code=`) or a mini-program code's scene (`i=`). */
export const ACCEPT_PAGE = 'staff/invite/index'

/**
 * Codes people may read aloud or type: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). 31^8 ≈ 8.5e11
 * codes, of which a handful are open at a time: guessing one is hopeless, and each is stored only as a hash.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const CODE_LENGTH = 8
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)

/** A typed code as people write it: spaces and hyphens between groups, lower case. */
export const normalizeInvitationCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase()

export const acceptPath = (code: string): string => `${ACCEPT_PAGE}?code=${code}`

export const expiresAt = (now: Instant, kind: keyof typeof INVITATION_HOURS): Instant =>
  new Date(Date.parse(now) + INVITATION_HOURS[kind] * 3_600_000).toISOString()

export type InvitationState = 'open' | 'used' | 'expired' | 'revoked'

export const invitationState = (
  inv: { usedAt: Instant | null; expiresAt: Instant; revokedAt?: Instant | null },
  now: Instant,
): InvitationState => {
  if (inv.usedAt) return 'used'
  if (inv.revokedAt) return 'revoked'
  return Date.parse(now) < Date.parse(inv.expiresAt) ? 'open' : 'expired'
}
