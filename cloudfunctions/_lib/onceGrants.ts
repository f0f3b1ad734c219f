/**
 * What outlives a deleted membership so that rejoining pays nothing twice (src/domain/onceGrants.ts): the
 * once-only grants a person had, filed in `erasedGrants` under keyed hashes — HMAC-SHA-256 with a server-side
 * key — of their phone number, openid and unionid. Each hash names nobody: without the key (in `serverSecrets`,
 * which no client may read, apart from the hashes) a phone number cannot be tried against it, as it could against
 * a plain hash of the 11 digits. A document holds only the grants, no date and no pseudonym, so it links to no
 * tombstone either.
 *
 * - Deleting a membership files the member's grants under each of their hashes (merged with what is there).
 * - Joining looks up the joiner's hashes (one query): what is found is carried on the new member document as
 *   `priorGrants`, and nothing in it is issued again.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { unionGrants, type OnceGrant } from '../../src/domain/onceGrants'
import { _ } from './cloud'
import type { ServerSecretDoc } from './collections'
import { data, tx } from './data'
import { duplicateKeyIndex } from './errors'
import { inTransaction } from './transaction'

/** `serverSecrets/erasureHmac`: the key, 32 random bytes made once, on first use, by whichever function needs it first. */
const KEY_ID = 'erasureHmac'

let keyOnce: Promise<Buffer> | null = null

const readOrMakeKey = async (): Promise<Buffer> => {
  const secrets = data.serverSecrets
  const kept = await secrets.get(KEY_ID)
  if (kept) return Buffer.from(kept.key, 'hex')
  const made: ServerSecretDoc = { _id: KEY_ID, key: randomBytes(32).toString('hex'), createdAt: new Date().toISOString() }
  try {
    await secrets.add(made)
    return Buffer.from(made.key, 'hex')
  } catch (e) {
    // Made by a concurrent first call: that one is the key.
    if (duplicateKeyIndex(e) !== '_id_') throw e
    const winner = await secrets.get(KEY_ID)
    if (!winner) throw e
    return Buffer.from(winner.key, 'hex')
  }
}

/** The key never changes once made: read once per function instance (a failed read is tried again next time). */
const hmacKey = (): Promise<Buffer> =>
  (keyOnce ??= readOrMakeKey().catch((e: unknown) => {
    keyOnce = null
    throw e
  }))

/** Who a person is, for this purpose: any one of these recognizes them. */
export interface Identity {
  openid: string
  unionid?: string | null
  mobile: string
}

type HashKind = 'openid' | 'unionid' | 'phone' | 'inviter' | 'import'

/** HMAC-SHA-256 of "<kind>:<value>" (the kind keeps an openid's hash apart from the same string as an inviter's). */
export const keyedHash = async (kind: HashKind, value: string): Promise<string> =>
  createHmac('sha256', await hmacKey())
    .update(`${kind}:${value}`)
    .digest('hex')

const identityHashes = async (who: Identity): Promise<string[]> => [
  await keyedHash('openid', who.openid),
  ...(who.unionid ? [await keyedHash('unionid', who.unionid)] : []),
  ...(who.mobile ? [await keyedHash('phone', who.mobile)] : []),
]

/** The grants a joiner had under memberships they deleted (none for a new person): one query. */
export const priorGrantsOf = async (who: Identity): Promise<OnceGrant[]> => {
  const hashes = await identityHashes(who)
  const found = await data.erasedGrants
    .where({ _id: _.in(hashes) })
    .limit(hashes.length)
    .get()
  return unionGrants(...found.map((d) => d.grants))
}

/**
 * Files the grants under each of the person's hashes, merged with what earlier deletions left there. Idempotent
 * (a repeat finds them all and writes nothing), one single-document transaction per hash.
 */
export const keepGrants = async (who: Identity, grants: OnceGrant[]): Promise<void> => {
  if (grants.length === 0) return
  for (const id of await identityHashes(who)) {
    await inTransaction(async (t) => {
      const erasedGrants = tx(t).erasedGrants
      const kept = await erasedGrants.get(id)
      const merged = unionGrants(kept?.grants, grants)
      if (kept && merged.length === kept.grants.length) return
      await erasedGrants.put({ _id: id, grants: merged })
    })
  }
}
