/** Seeding demo or test data through the executor (not through any function). */
import type { Executor } from './executor/executor'

/**
 * Inserts documents per collection, skipping those whose `_id` already exists (so seeding twice is harmless).
 * Returns how many documents were inserted per collection.
 */
export const seed = (executor: Executor, docs: Record<string, object[]>): Record<string, number> => {
  const inserted: Record<string, number> = {}
  for (const [coll, list] of Object.entries(docs)) {
    const fresh = list.filter((d) => {
      const id = (d as { _id?: unknown })._id
      return !((typeof id === 'string' || typeof id === 'number') && executor.get(coll, id))
    })
    if (fresh.length > 0) executor.insert(coll, fresh)
    inserted[coll] = fresh.length
  }
  return inserted
}
