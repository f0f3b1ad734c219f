/**
 * The stored documents as the fuzz's checks read them after every call (invariants, fingerprints): decoded once
 * and kept per executor, re-read only where a commit wrote since the last look (each row carries its commit's
 * number). A fault run checks the whole database hundreds of times while it grows; reading all of it each time
 * made the checks quadratic and most of the suite's time. The documents are shared: read them, never change them.
 */
import type { Executor } from '../../../localcloud'

type Doc = Record<string, unknown>

class StoredView {
  private readonly collections = new Map<string, { resets: number; seenSeq: number; docs: Map<string, Doc> }>()

  constructor(private readonly executor: Executor) {}

  all(coll: string): Doc[] {
    const now = this.executor.commitSeq
    let kept = this.collections.get(coll)
    // A reset database numbers its commits from 0 again: read it afresh.
    if (!kept || kept.resets !== this.executor.resets)
      this.collections.set(coll, (kept = { resets: this.executor.resets, seenSeq: -1, docs: new Map() }))
    if (kept.seenSeq !== now) {
      const { written, keys } = this.executor.changesSince(coll, kept.seenSeq)
      for (const { key, doc } of written) kept.docs.set(key, doc)
      // Every key held now is kept (written since, or seen before): more kept than held means some were removed.
      if (kept.docs.size !== keys.length) {
        const held = new Set(keys)
        for (const key of kept.docs.keys()) if (!held.has(key)) kept.docs.delete(key)
      }
      kept.seenSeq = now
    }
    return [...kept.docs.values()]
  }
}

const views = new WeakMap<Executor, StoredView>()

/** Every stored document of `coll`, in no particular order. */
export const storedDocs = <T>(executor: Executor, coll: string): T[] => {
  let view = views.get(executor)
  if (!view) views.set(executor, (view = new StoredView(executor)))
  return view.all(coll) as T[]
}
