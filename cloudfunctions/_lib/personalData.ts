/**
 * Where a member's personal information lives (PIPL): every collection of database/collections/ is either one
 * that holds some — exported by `member.myData`, erased or pseudonymized by `member.deleteMembership` — or one
 * that holds none, with the reason. test/cloud/privacy.test.ts fails for a collection in neither list, so a new
 * collection is classified before it ships.
 */
import type { CollectionName } from './collections'

/** Collections holding a member's personal data, in the order the export lists them. */
export const PERSONAL_DATA_COLLECTIONS = [
  'members',
  'memberSecrets',
  'ledger',
  'purchases',
  'refunds',
  'coupons',
  'exchangeCounts',
  'rsvps',
  'tickets',
  'referrals',
  'posters',
  'callbacks',
  'phoneReveals',
  'segments',
  'personalExports',
  'memberAudit',
] as const satisfies readonly CollectionName[]

export type PersonalDataCollection = (typeof PERSONAL_DATA_COLLECTIONS)[number]

/** Collections that hold no member's personal data, and why (every other collection of the map: it does not compile otherwise). */
export const NO_PERSONAL_DATA: Record<Exclude<CollectionName, PersonalDataCollection>, string> = {
  erasedMembers:
    "tombstones of deleted memberships: a random pseudonym, the member number and the books' figures, nothing that names a person",
  stores: 'the brand’s shops',
  posKeys: 'stores’ API keys for the POS API (store, secret, the operator who made them)',
  posNonces: 'nonces of signed POS API requests, by key',
  posSales: 'sales recorded with no member: order number, amount and lines, nobody named',
  staff: 'shop assistants (their own records, not members’)',
  operators: 'the brand’s HQ operators (not members)',
  settings: 'program rules',
  programVersions: 'versions of the program rules, with the operator who saved them',
  couponTemplates: 'coupon templates (what a coupon gives), no holder',
  catalog: 'the points catalog',
  campaigns:
    'coupon campaigns; a list audience names member numbers only, and an issuing cursor that names a deleted member is moved on at deletion',
  events: 'events and their seat counters; who comes is in rsvps',
  jobRuns: 'timer jobs’ progress; a resume cursor that names a deleted member is moved on at deletion',
  stats: 'daily counts and totals, no member named',
  codeGuards:
    'the brake on guessing member codes: wrong-code counts and locks by member number, by till (staff id), and the managers’ alerts; no name, phone or openid (member numbers only, as the tombstones keep)',
  exports:
    'the operators’ export log (who exported what, when); its files expire after 7 days, and deleting a membership deletes every one made since the member joined',
  invitations:
    'one-time codes for new staff and operators: the invited person’s name and staff number, then the OPENID of the staff or operator who accepted (not members’ data)',
  serverSecrets: 'server-side keys (the HMAC key of erasedGrants), no member data',
  deskLogins: 'the operators’ desk sign-in requests (a browser, its IP, the operator who answered), no member data',
  deskSessions: 'the operators’ desk sessions (operator, browser, IP, times), no member data',
  auditLog: 'which operator called which action when, from where; no input, so no member data',
  importJobs:
    'the operators’ member imports: who, which file, counts, and errors by row and column (their words name no person); the files are the brand’s own customer records before anyone joined',
  memberImports:
    'imported records a shopper claimed: a keyed hash (HMAC) of the phone as the id, the member number that claimed it and when; names nobody without the key and the members collection',
  erasedGrants:
    'once-only grants of deleted memberships (welcome coupon, birthday card of a year, campaign, referral pair) under keyed hashes (HMAC, key in serverSecrets) of the phone, openid and unionid: de-identified, names nobody without the key, kept so that a rejoiner gets nothing twice',
}
