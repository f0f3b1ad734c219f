/**
 * Erased means erased from the file: SQLite leaves a deleted row's bytes in the page it occupied (or on the free
 * list) until the space is reused, so a member erased through the API could still be read from the data folder
 * with a hex editor. With `secure_delete` the executor overwrites them with zeros.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Executor } from '../../localcloud/executor/executor'
import { FIXTURE_COLLECTIONS, inProcessDb, tempDir } from './support'

let dataDir: string
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

/** Every file of the data folder that holds the marker (the database, its WAL, anything else). */
const filesHolding = (marker: string) =>
  readdirSync(dataDir)
    .filter((f) => existsSync(join(dataDir, f)) && readFileSync(join(dataDir, f)).includes(marker))
    .sort()

it('leaves no byte of a deleted document in the database files (main file and WAL, after a checkpoint)', async () => {
  dataDir = tempDir()
  const marker = `erase-me-${process.pid}-${Date.now()}`
  const h = inProcessDb({ dataDir })
  // Kept documents around them; a small deleted one and one large enough for overflow pages.
  h.executor.insert(
    'things',
    Array.from({ length: 50 }, (_, i) => ({ _id: `keep-${i}`, v: 'k'.repeat(200) })),
  )
  await h.db.collection('things').add({ data: { _id: 'small', note: marker } })
  await h.db.collection('things').add({ data: { _id: 'large', note: `${marker} ${'x'.repeat(20_000)} ${marker}` } })
  await h.db.collection('members').add({ data: { _id: 'member-1', name: marker, phone: '13800000000' } })
  // A document updated away from the marker: its old version must go too.
  await h.db.collection('things').add({ data: { _id: 'updated', note: marker } })
  expect(
    (
      await h.db
        .collection('things')
        .doc('updated')
        .update({ data: { note: 'changed' } })
    ).stats,
  ).toEqual({ updated: 1 })

  expect(
    (
      await h.db
        .collection('things')
        .where({ _id: h._.in(['small', 'large']) })
        .remove()
    ).stats,
  ).toEqual({ removed: 2 })
  expect((await h.db.collection('members').doc('member-1').remove()).stats).toEqual({ removed: 1 })
  expect(h.executor.count('things')).toBe(51)
  // Closing checkpoints the WAL into the main file.
  h.close()

  expect(readdirSync(dataDir)).toContain('localcloud.sqlite')
  expect(filesHolding(marker)).toEqual([])
  // The kept documents are still there.
  const again = new Executor({ dataDir, collectionsDir: FIXTURE_COLLECTIONS })
  expect(again.get('things', 'keep-7')).toEqual({ _id: 'keep-7', v: 'k'.repeat(200) })
  expect(again.get('things', 'updated')).toEqual({ _id: 'updated', note: 'changed' })
  again.close()
})
