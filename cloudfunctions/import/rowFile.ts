/**
 * A job's checked rows as stored beside the upload: one JSON array per line (a tuple, no key names), gzipped. A
 * 100,000-row job is about 12 MB of lines (3 MB gzipped), held as a Buffer outside the JS heap with the offsets of
 * its lines, and only the slice a call works on is parsed: an instance has 128 MB, where the rows as one JSON text
 * and its objects would take over 80 MB.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import type { ImportRow } from '../../src/domain/memberImport'

const pack = (r: ImportRow): unknown[] => [
  r.line,
  r.name,
  r.mobile,
  r.birthday ? [r.birthday.month, r.birthday.day, r.birthday.year ?? null] : null,
  r.tier,
  r.vipUntil,
  r.points,
  r.pointsExpiresAt,
  r.lifetimeSpendFen,
  r.storeId,
  r.assistantId,
]

const unpack = (t: unknown[]): ImportRow => {
  const b = t[3] as [number, number, number | null] | null
  return {
    line: t[0] as number,
    name: t[1] as string,
    mobile: t[2] as string,
    birthday: b && (b[2] === null ? { month: b[0], day: b[1] } : { month: b[0], day: b[1], year: b[2] }),
    tier: t[4] as ImportRow['tier'],
    vipUntil: t[5] as string | null,
    points: t[6] as number,
    pointsExpiresAt: t[7] as string | null,
    lifetimeSpendFen: t[8] as number,
    storeId: t[9] as string | null,
    assistantId: t[10] as string | null,
  }
}

const CHUNK = 5000

/** The rows as the stored file's bytes (gzipped), built a chunk of lines at a time. */
export const packRows = (rows: readonly ImportRow[]): Buffer => {
  const parts: Buffer[] = []
  for (let i = 0; i < rows.length; i += CHUNK)
    parts.push(
      Buffer.from(
        rows
          .slice(i, i + CHUNK)
          .map((r) => `${JSON.stringify(pack(r))}\n`)
          .join(''),
        'utf8',
      ),
    )
  return gzipSync(Buffer.concat(parts))
}

/** The stored rows, read a slice at a time. */
export class RowFile {
  readonly length: number
  private readonly bytes: Buffer
  private readonly starts: Uint32Array

  constructor(gzipped: Buffer) {
    this.bytes = gunzipSync(gzipped)
    let count = 0
    for (let i = this.bytes.indexOf(10); i >= 0; i = this.bytes.indexOf(10, i + 1)) count++
    this.starts = new Uint32Array(count + 1)
    let n = 1
    for (let i = this.bytes.indexOf(10); i >= 0; i = this.bytes.indexOf(10, i + 1)) this.starts[n++] = i + 1
    this.length = count
  }

  slice(from: number, to: number): ImportRow[] {
    const out: ImportRow[] = []
    for (let i = from; i < Math.min(to, this.length); i++)
      out.push(unpack(JSON.parse(this.bytes.toString('utf8', this.starts[i], this.starts[i + 1] - 1)) as unknown[]))
    return out
  }
}
