/**
 * The brand owner's first sign-in: a fresh environment has no operator, and nobody should have to open the database
 * console to add one. Deploy prints a claim code; the owner opens the desk, scans its sign-in code with the
 * mini-program and types the code there. That makes them the first operator, with every power, and signs the desk
 * in. The code works only while the brand has no operator at all: once someone holds it, everyone else is invited.
 *
 * The code is derived from the environment's custom-login key (which only deploy and the desk function hold), so it
 * needs no storage and deploy can print it again on every run.
 */
import { CODE_ALPHABET, normalizeInvitationCode } from './invitations'

/** 10 characters of the invitation alphabet: 31^10 ≈ 8.2e14 codes. */
export const CLAIM_CODE_LENGTH = 10
export const CLAIM_CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CLAIM_CODE_LENGTH}}$`)

/** The operator id the owner gets (operatorId is unique: two owners racing to claim cannot both have it). */
export const OWNER_OPERATOR_ID = 'OP01'

/** The code from a keyed digest's first bytes (a byte modulo 31: a slight bias that costs under a bit of the 49). */
export const claimCodeFromDigest = (digest: Uint8Array): string => {
  if (digest.length < CLAIM_CODE_LENGTH) throw new Error('claim code digest too short')
  let code = ''
  for (let i = 0; i < CLAIM_CODE_LENGTH; i++) code += CODE_ALPHABET[digest[i] % CODE_ALPHABET.length]
  return code
}

/** As printed and read aloud: two groups of five ("ABCDE-FGHJK"). */
export const formatClaimCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`

/** As people type it: spaces and hyphens between groups, lower case. */
export const normalizeClaimCode = normalizeInvitationCode
