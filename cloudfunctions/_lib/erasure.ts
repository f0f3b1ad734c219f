/**
 * Erasing a membership (PIPL art. 47): the member document is deleted and a pseudonymous tombstone
 * (`erasedMembers/<random id>`) takes its place in the books; every record the books keep (ledger, purchases,
 * refunds, coupons, RSVPs, tickets, referrals, callbacks) is moved under the pseudonym, with the openid, unionid,
 * phone number and name scrubbed from it; what only served the member (poster, code secret, segment, exchange
 * counters, used codes, earlier exports) is deleted; unused coupons are voided, upcoming RSVPs cancelled with
 * their seats going down the waitlist, points forfeited by a ledger entry, and the referral code dies with the
 * member document. Nothing in the database names the person afterwards.
 *
 * Erasing touches many documents, one small transaction each (CloudBase transactions hold single-document
 * operations), so it runs in idempotent steps within a time budget and answers `inProgress` when the budget runs
 * out. The member's next call goes on from where things are (the member document carries the pseudonym until
 * the very end), and so does the hourly upkeep for a member who left before it finished.
 * Shared by the `member` function (the member's request, and `myData`'s finders) and `jobs`.
 */
import { randomBytes } from 'node:crypto'
import {
  finishErasure,
  scrubber,
  startTombstone,
  voidCoupon,
  withdrawRsvp,
  type ErasedMember,
  type ErasureSubject,
} from '../../src/domain/erasure'
import { type Rsvp, rsvpId } from '../../src/domain/events'
import { couponGrant, invitedByGrant, unionGrants } from '../../src/domain/onceGrants'
import { withoutBirthdays } from '../../src/domain/memberAudit'
import { _, type Transaction } from './cloud'
import { COLLECTIONS, type CollectionDocs, type CollectionName, type MemberDoc } from './collections'
import { data, tx, type Collection, type FieldPath, type TxCollection } from './data'
import { duplicateKeyIndex } from './errors'
import { newTicketCode, promoteWaitlistIn, stillWaitingIn, tellPromoted, withWaitlistHead } from './events'
import { keepGrants, keyedHash } from './onceGrants'
import { PERSONAL_DATA_COLLECTIONS, type PersonalDataCollection } from './personalData'
import { deleteFiles, deleteOperatorExportFiles, deletePersonalExports, operatorExportFiles } from './personalExports'
import { loadProgram } from './reference'
import { inTransaction, StaleRead, withFreshReads } from './transaction'

/**
 * A document of any collection, its fields by name. The finders and the rewrite below serve every personal-data
 * collection alike, the collection's name in a variable: they find documents by a field and move them whole. So
 * they see each collection through `anyCollection`, the one loose view of the data layer in this file: TypeScript
 * can call no method on `data[name]` while `name` may be any collection (a union of collections, each taking its
 * own document type). The named steps read their collections typed (`data.*`, `tx(t).*`, `found`, `rewrite`).
 */
export type Doc = { _id: string } & Record<string, unknown>

const anyCollection = (name: CollectionName) => data[name] as unknown as Collection<Doc>
const anyCollectionIn = (t: Transaction, name: CollectionName) => tx(t)[name] as unknown as TxCollection<Doc>
/** Documents a walk found in collection `name`, as that collection's type (a walk hands on what is stored). */
const typedAs = <N extends CollectionName>(_name: N, docs: Doc[]) => docs as unknown as CollectionDocs[N][]

const PAGE = 1000
const IN_CHUNK = 100

export const chunks = <T>(items: T[], size = IN_CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_v, i) => items.slice(i * size, i * size + size))

/** Every document a filter matches, a page at a time in `_id` order (one member's records: never unbounded). */
const allOf = async (name: CollectionName, filter: object): Promise<Doc[]> => {
  const out: Doc[] = []
  let cursor = ''
  for (;;) {
    const page = await anyCollection(name)
      .where(_.and([filter, { _id: _.gt(cursor) }]))
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()
    out.push(...page)
    if (page.length < PAGE) return out
    cursor = page[page.length - 1]._id
  }
}

const byIds = async (name: CollectionName, field: string, values: string[]): Promise<Doc[]> => {
  const out: Doc[] = []
  for (const part of chunks([...new Set(values)])) out.push(...(await allOf(name, { [field]: _.in(part) })))
  return out
}

/** `byIds`, typed by the collection: for the steps that read fields of what they find. */
const found = async <N extends CollectionName>(
  name: N,
  field: FieldPath<CollectionDocs[N]>,
  values: string[],
): Promise<CollectionDocs[N][]> => typedAs(name, await byIds(name, field, values))

const one = async (name: CollectionName, id: string): Promise<Doc[]> => {
  const doc = await anyCollection(name).get(id)
  return doc ? [doc] : []
}

/** `exchangeCounts/<itemId>:<memberId>`: one possible id per catalog item. */
const exchangeCountsOf = async (memberId: string): Promise<Doc[]> => {
  const items = await allOf(COLLECTIONS.catalog, {})
  return byIds(
    COLLECTIONS.exchangeCounts,
    '_id',
    items.map((i) => `${i._id}:${memberId}`),
  )
}

/**
 * Where each collection keeps a member's records (ids known up front or an indexed field; no scans). `ids` are
 * every id the member has gone by: the openid, and the pseudonym once deletion has started.
 */
export const FINDERS: Record<PersonalDataCollection, (ids: string[]) => Promise<Doc[]>> = {
  members: async (ids) => one(COLLECTIONS.members, ids[0]),
  memberSecrets: async (ids) => one(COLLECTIONS.memberSecrets, ids[0]),
  ledger: (ids) => byIds(COLLECTIONS.ledger, 'memberId', ids),
  purchases: (ids) => byIds(COLLECTIONS.purchases, 'memberId', ids),
  refunds: async (ids) => {
    const purchases = await byIds(COLLECTIONS.purchases, 'memberId', ids)
    return (
      await byIds(
        COLLECTIONS.refunds,
        'purchaseId',
        purchases.map((p) => p._id),
      )
    ).filter((r) => ids.includes(r.memberId as string))
  },
  coupons: (ids) => byIds(COLLECTIONS.coupons, 'memberId', ids),
  exchangeCounts: async (ids) => (await Promise.all(ids.map(exchangeCountsOf))).flat(),
  rsvps: (ids) => byIds(COLLECTIONS.rsvps, 'memberId', ids),
  tickets: async (ids) => {
    const rsvps = await found(COLLECTIONS.rsvps, 'memberId', ids)
    // A cancelled RSVP no longer names its ticket, but the ticket still names the RSVP: look up every id it had.
    const rsvpIds = rsvps.flatMap((r) => ids.map((id) => rsvpId(r.eventId, id)))
    return byIds(COLLECTIONS.tickets, 'rsvpId', rsvpIds)
  },
  referrals: async (ids) => [
    ...(await byIds(COLLECTIONS.referrals, '_id', ids)),
    ...(await byIds(COLLECTIONS.referrals, 'inviterId', ids)),
  ],
  posters: async (ids) => one(COLLECTIONS.posters, ids[0]),
  callbacks: (ids) => byIds(COLLECTIONS.callbacks, 'memberId', ids),
  phoneReveals: (ids) => byIds(COLLECTIONS.phoneReveals, 'memberId', ids),
  segments: async (ids) => one(COLLECTIONS.segments, ids[0]),
  personalExports: (ids) => byIds(COLLECTIONS.personalExports, 'memberId', ids),
  memberAudit: (ids) => byIds(COLLECTIONS.memberAudit, 'memberId', ids),
}

class OutOfTime extends Error {}

interface Erasure {
  openid: string
  pseudonym: string
  subject: ErasureSubject
  scrub: <T>(doc: T) => T
  now: string
  deadline: number
}

const pseudonymOf = () => `anon-${randomBytes(12).toString('hex')}`

const checkTime = (e: Erasure) => {
  if (Date.now() > e.deadline) throw new OutOfTime()
}

/**
 * Moves one document under the pseudonym (or deletes it: `next` null): in one transaction, the old id removed
 * and the new one added, so the document exists under exactly one id whatever happens.
 */
const rewrite = async <N extends CollectionName>(
  e: Erasure,
  name: N,
  id: string,
  change: (doc: CollectionDocs[N]) => CollectionDocs[N] | null,
) => {
  checkTime(e)
  // Typed by the collection for the callers; moved whole, as stored, below.
  const move = change as unknown as (doc: Doc) => Doc | null
  // Two calls erasing at once (two taps, a tap and the upkeep) may move the same document: the one that finds
  // its new id taken has lost the race, and its re-run finds the document moved.
  await withFreshReads(() =>
    inTransaction(async (t) => {
      const docs = anyCollectionIn(t, name)
      const current = await docs.get(id)
      if (!current) return
      const next = move(current)
      if (next === current) return
      if (next === null) return void (await docs.remove(id))
      if (next._id === id) return void (await docs.put(next))
      await docs.remove(id)
      if (await docs.get(next._id)) return
      try {
        await docs.add(next)
      } catch (err) {
        if (duplicateKeyIndex(err) === '_id_') throw new StaleRead()
        throw err
      }
    }),
  )
}

const scrubAll = async <N extends CollectionName>(
  e: Erasure,
  name: N,
  docs: { _id: string }[],
  extra: (doc: CollectionDocs[N]) => CollectionDocs[N] = (d) => d,
) => {
  for (const doc of docs) await rewrite(e, name, doc._id, (d) => e.scrub(extra(d)))
}
const deleteAll = async (e: Erasure, name: CollectionName, docs: { _id: string }[]) => {
  for (const doc of docs) await rewrite(e, name, doc._id, () => null)
}

/** Cancels an upcoming RSVP whatever the deadline; the freed seats go down the waitlist in order. */
const withdraw = async (e: Erasure, rsvp: Rsvp) => {
  checkTime(e)
  const outcome = await withWaitlistHead(rsvp.eventId, async (t, queue) => {
    const event = await tx(t).events.get(rsvp.eventId)
    const current = await tx(t).rsvps.get(rsvp._id)
    if (!event || !current) return null
    await stillWaitingIn(t, queue)
    const d = withdrawRsvp(event, current, queue, newTicketCode, e.now)
    if (d) await promoteWaitlistIn(t, d)
    return d
  })
  if (outcome) await tellPromoted(outcome.event, outcome.promoted)
}

/**
 * Every record of the member, moved under the pseudonym or deleted. Idempotent: what was done is not found
 * again (it no longer carries the openid), so a later call goes on with what is left.
 */
const sweep = async (e: Erasure) => {
  const me = [e.openid]
  for (const r of await found(COLLECTIONS.rsvps, 'memberId', me)) if (r.status !== 'cancelled') await withdraw(e, r)
  // Tickets before RSVPs: a ticket is found through the RSVP ids the member had.
  await scrubAll(e, COLLECTIONS.tickets, await FINDERS.tickets(me))
  await scrubAll(e, COLLECTIONS.rsvps, await FINDERS.rsvps(me))
  await scrubAll(e, COLLECTIONS.coupons, await FINDERS.coupons(me), (c) => voidCoupon(c, e.now))
  await scrubAll(e, COLLECTIONS.ledger, await FINDERS.ledger(me))
  // The inviter's reward for this member's joining is keyed by this member.
  await scrubAll(e, COLLECTIONS.ledger, await one(COLLECTIONS.ledger, `referral:${e.openid}`))
  // Refunds before purchases: they are found through the member's purchases.
  await scrubAll(
    e,
    COLLECTIONS.refunds,
    await FINDERS.refunds([e.openid, e.pseudonym]).then((all) => all.filter((r) => r.memberId === e.openid)),
  )
  await scrubAll(e, COLLECTIONS.purchases, await FINDERS.purchases(me))
  // Friends this member invited keep their own referral (now naming the pseudonym as inviter).
  const invited = await byIds(COLLECTIONS.referrals, 'inviterId', me)
  for (const r of invited) {
    await rewrite(e, COLLECTIONS.members, r._id, (m) =>
      m.referredBy?.inviterId === e.openid ? { ...m, referredBy: { ...m.referredBy, inviterId: e.pseudonym } } : m,
    )
  }
  await scrubAll(e, COLLECTIONS.referrals, await FINDERS.referrals(me))
  // A staff note is about the member: the call stays in the assistant's figures, the words go.
  await scrubAll(e, COLLECTIONS.callbacks, await FINDERS.callbacks(me), (c) => ({ ...c, note: '' }))
  // An operator's correction stays on record (who changed the record, when, why); the birthdays it names go.
  await scrubAll(e, COLLECTIONS.memberAudit, await FINDERS.memberAudit(me), withoutBirthdays)
  for (const name of ['posters', 'segments', 'memberSecrets', 'exchangeCounts'] as const) {
    await deleteAll(e, COLLECTIONS[name], await FINDERS[name](me))
  }
  // A collection listed as personal that no step above names (a new one) is not left as it is: its records are
  // moved under the pseudonym with every name and phone number scrubbed from their text.
  for (const name of PERSONAL_DATA_COLLECTIONS) {
    if (SWEPT.has(name)) continue
    await scrubAll(e, COLLECTIONS[name], await FINDERS[name](me))
  }
}

/** What the sweep, the member document's deletion (`finish`) and the exports' deletion handle by name. */
const SWEPT: ReadonlySet<PersonalDataCollection> = new Set<PersonalDataCollection>([
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
  'segments',
  'personalExports',
  'memberAudit',
])

/**
 * Files in storage that may name the member, deleted: their own 导出我的数据 files (and those the member document
 * still lists from before exports were tracked in `personalExports`); those their inviter and the friends they
 * invited made since they joined (a referral record in them names the member); and the operators' exports made
 * since they joined (a member list names everyone, a ledger quotes the operators' reasons) — the operators' log
 * keeps each entry, marked `fileDeletedAt`. The links lasted an hour: nobody loses a download they could still make.
 */
const deleteExportFiles = async (e: Erasure, member: MemberDoc, operatorsSince = member.joinedAt) => {
  checkTime(e)
  const ids = [e.openid, e.pseudonym]
  const legacy = (member.dataExports ?? []).map((x) => x.fileID)
  if (legacy.length > 0) await deleteFiles(legacy)
  const inviters = (await found(COLLECTIONS.referrals, '_id', ids)).map((r) => r.inviterId)
  const invitees = (await found(COLLECTIONS.referrals, 'inviterId', ids)).map((r) => r._id)
  const friends = [...inviters, ...invitees].filter((id) => !ids.includes(id))
  const theirs =
    friends.length > 0 ? (await found(COLLECTIONS.personalExports, 'memberId', friends)).filter((d) => d.at >= member.joinedAt) : []
  const own = await found(COLLECTIONS.personalExports, 'memberId', ids)
  await deletePersonalExports([...own, ...theirs])
  for (;;) {
    checkTime(e)
    const files = await operatorExportFiles({ since: operatorsSince }, PAGE)
    if (files.length === 0 || (await deleteOperatorExportFiles(files, e.now)) < files.length) return
  }
}

/** Timer jobs and campaigns walk members in `_id` order: a cursor on the deleted member moves to the one before. */
const moveCursors = async (e: Erasure) => {
  const before = await data.members
    .where({ _id: _.lt(e.openid) })
    .orderBy('_id', 'desc')
    .select()
    .limit(1)
    .get()
  const previous = before[0]?._id ?? ''
  for (const run of await allOf(COLLECTIONS.jobRuns, { cursor: e.openid }))
    await rewrite(e, COLLECTIONS.jobRuns, run._id, (d) => ({ ...d, cursor: previous }))
  for (const c of await allOf(COLLECTIONS.campaigns, { 'progress.cursor': e.openid }))
    await rewrite(e, COLLECTIONS.campaigns, c._id, (d) => ({ ...d, progress: { ...d.progress, cursor: previous } }))
}

/**
 * What the member had once (their coupons' issuing keys, the pair with their inviter, and what they had before a
 * rejoin), filed under keyed hashes of their phone, openid and unionid (_lib/onceGrants.ts) before anything is
 * moved: rejoining gives none of it twice. Every call of an erasure repeats it; a union, so nothing is written twice.
 */
const keepOnceGrants = async (e: Erasure, member: MemberDoc) => {
  checkTime(e)
  const ids = [e.openid, e.pseudonym]
  const coupons = await found(COLLECTIONS.coupons, 'memberId', ids)
  const grants = unionGrants(
    member.priorGrants,
    coupons.flatMap((c) => couponGrant(c._id, c.memberId, c.channel) ?? []),
  )
  for (const r of await found(COLLECTIONS.referrals, '_id', ids)) grants.push(invitedByGrant(await keyedHash('inviter', r.inviterId)))
  // A number held unconfirmed (typed at join while another membership had it) may be someone else's: no grant
  // is filed under it, or whoever typed it could cost its owner their welcome coupon.
  const confirmed = !member.mobileClaim
  await keepGrants({ openid: e.openid, unionid: member.unionid, mobile: confirmed ? member.mobile : '' }, grants)
}

/** Marks the member as being erased (once): the pseudonym and a tombstone in the making. */
const startErasure = (openid: string, now: string) =>
  inTransaction(async (t) => {
    const w = tx(t)
    const member = await w.members.get(openid)
    if (!member) return null
    if (member.erasure) return { member, pseudonym: member.erasure.pseudonym }
    const pseudonym = pseudonymOf()
    const erasure = { pseudonym, startedAt: now }
    await w.members.update(openid, { erasure })
    await w.erasedMembers.put(startTombstone(member, pseudonym, now))
    return { member: { ...member, erasure }, pseudonym }
  })

/** The last step: points forfeited under the pseudonym, the tombstone's final figures, the member document gone. */
const finish = async (e: Erasure): Promise<ErasedMember | null> => {
  const program = await loadProgram({ fresh: true })
  // The member document goes first: of two calls finishing at once, the second conflicts on it and, re-run,
  // finds it gone; a forfeit entry already written means the same.
  return withFreshReads(() =>
    inTransaction(async (t) => {
      const w = tx(t)
      const member = await w.members.get(e.openid)
      if (!member) return null
      const started = await w.erasedMembers.get(e.pseudonym)
      const { tombstone, entries } = finishErasure(member, started ?? startTombstone(member, e.pseudonym, e.now), e.now, program.version)
      await w.members.remove(e.openid)
      await w.erasedMembers.put(tombstone)
      for (const entry of entries) {
        try {
          await w.ledger.add(entry)
        } catch (err) {
          if (duplicateKeyIndex(err) === '_id_') throw new StaleRead()
          throw err
        }
      }
      return tombstone
    }),
  )
}

export type ErasureOutcome = { status: 'deleted'; pointsForfeited: number } | { status: 'inProgress' } | null

/**
 * Erases the member (null: no such member), or as much as fits in `budgetMs` (`inProgress`). Starting marks the
 * member document once, so every later call, the member's or the upkeep's, finishes the same erasure.
 */
export const eraseMember = async (openid: string, now: string, budgetMs: number): Promise<ErasureOutcome> => {
  const deadline = Date.now() + budgetMs
  const started = await startErasure(openid, now)
  if (!started) return null
  const { member, pseudonym } = started
  const subject: ErasureSubject = { openid, unionid: member.unionid, name: member.name, mobile: member.mobile }
  const e: Erasure = { openid, pseudonym, subject, scrub: scrubber(subject, pseudonym), now, deadline }
  try {
    await keepOnceGrants(e, member)
    await sweep(e)
    await deleteExportFiles(e, member)
    const tombstone = await finish(e)
    // Anything written for the member while the sweep ran (a purchase at the till, an export) is moved too, in
    // this call (the member document is gone: no later call resumes). Of the operators' exports only those made
    // since the erasure began: the earlier ones went above, page by page within the budget.
    e.deadline = Number.POSITIVE_INFINITY
    await sweep(e)
    await deleteExportFiles(e, member, member.erasure?.startedAt ?? e.now)
    await moveCursors(e)
    return { status: 'deleted', pointsForfeited: tombstone?.pointsForfeited ?? 0 }
  } catch (err) {
    if (err instanceof OutOfTime) return { status: 'inProgress' }
    throw err
  }
}

/** Erasures a member started and left unfinished (they closed the app), oldest first: the upkeep finishes them. */
export const unfinishedErasures = async (startedBefore: string, limit: number): Promise<string[]> =>
  (
    await data.members
      .where({ 'erasure.startedAt': _.lt(startedBefore) })
      .orderBy('erasure.startedAt', 'asc')
      .select()
      .limit(limit)
      .get()
  ).map((d) => d._id)
