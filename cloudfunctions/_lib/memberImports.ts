/**
 * Imported members (src/domain/memberImport): where their records live. Shared by the `import` function, which
 * writes them, and `member.join`, where a shopper with the same verified phone claims one.
 */
import type { Member } from '../../src/domain/member'
import { data } from './data'
import { keyedHash } from './onceGrants'

/**
 * An imported record's id: `u` + a keyed hash (HMAC, key in serverSecrets) of the phone, so the same phone always
 * lands on the same record (the import's idempotency key), and the id says nothing of the number without the key.
 */
export const importedRecordId = async (mobile: string): Promise<string> => `u${(await keyedHash('import', mobile)).slice(0, 40)}`

/** The unclaimed imported record holding this phone, if any. */
export const unclaimedRecordOf = async (mobile: string): Promise<Member | null> => {
  const record = await data.members.get(await importedRecordId(mobile))
  return record?.unclaimed === true ? record : null
}
