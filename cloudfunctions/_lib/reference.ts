/**
 * Reference data that changes rarely (program rules, stores) is cached per function instance for a short
 * time: CloudBase keeps instances warm between calls, and this keeps "open the card" at one read.
 * A rule change therefore takes effect within REFERENCE_TTL_MS, going forward only.
 */
import { DEFAULT_PROGRAM, withRuleDefaults, type ProgramRules } from '../../src/domain/program'
import type { StoreDetailView, StoreView } from '../../src/api/contract'
import type { OperatorDoc, StaffDoc, StoreDoc } from './collections'
import { data } from './data'

export const REFERENCE_TTL_MS = 30_000

const cache = new Map<string, { value: unknown; expiresAt: number }>()

export const cached = async <T>(key: string, load: () => Promise<T>): Promise<T> => {
  const hit = cache.get(key)
  if (hit && hit.expiresAt > Date.now()) return hit.value as T
  const value = await load()
  cache.set(key, { value, expiresAt: Date.now() + REFERENCE_TTL_MS })
  return value
}

const readProgram = async (): Promise<ProgramRules> => {
  const settings = await data.settings.get('program')
  return settings ? withRuleDefaults(settings.rules) : DEFAULT_PROGRAM
}

/**
 * The program rules. Reads (the card, lists) may use a copy up to REFERENCE_TTL_MS old; writes that decide
 * points, tiers or rewards pass `fresh` so an operator's change applies from the very next purchase
 * (one extra read, outside the transaction: the rules a purchase used are stamped on its entries).
 */
export const loadProgram = async (options: { fresh?: boolean } = {}): Promise<ProgramRules> => {
  if (!options.fresh) return cached('program', readProgram)
  const rules = await readProgram()
  cache.set('program', { value: rules, expiresAt: Date.now() + REFERENCE_TTL_MS })
  return rules
}

export const loadStore = (storeId: string): Promise<StoreDoc | null> => cached(`store:${storeId}`, () => data.stores.get(storeId))

/** Who a ledger entry's staff or operator id is, for the audit's readers. */
export const loadStaffByStaffId = (staffId: string): Promise<StaffDoc | null> =>
  cached(`staff:${staffId}`, () => data.staff.where({ staffId }).first())

export const loadOperatorById = (operatorId: string): Promise<OperatorDoc | null> =>
  cached(`operator:${operatorId}`, () => data.operators.where({ operatorId }).first())

export const storeView = (store: StoreDoc | null): StoreView | null => (store ? { id: store._id, name: store.name } : null)

/** A store as its members find it: where (with the map's coordinates when placed), when open, whom to call. */
export const storeDetailView = (s: StoreDoc): StoreDetailView => ({
  id: s._id,
  name: s.name,
  address: s.address,
  phone: s.phone,
  openingHours: s.openingHours,
  location: s.location ?? null,
})
