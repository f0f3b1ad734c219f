/**
 * Functions run in UTC whatever the host's zone, as CloudBase runs Node functions. A worker thread fixes its
 * zone when it starts and ignores a TZ set inside it, so the local cloud puts its whole process in UTC before
 * any instance starts. Each case is a child process started under a host zone (jest's own process cannot
 * change zone and back without affecting other tests).
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const CHILD = join(__dirname, 'fixtures', 'zone-child.ts')

const runUnder = (tz: string) => {
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', CHILD], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (run.status !== 0) throw new Error(`child under TZ=${tz} failed (${run.status}): ${run.stderr}`)
  return JSON.parse(run.stdout) as {
    hostZone: string
    fn: Record<string, unknown>
    mainThread: Record<string, unknown>
    whileOneRuns: string
    afterLastClosed: string
  }
}

describe.each(['Asia/Shanghai', 'America/Los_Angeles'])('a host in %s', (tz) => {
  let out: ReturnType<typeof runUnder>
  beforeAll(() => {
    out = runUnder(tz)
  }, 60_000)

  it('really is in that zone before the local cloud starts', () => {
    expect(out.hostZone).toBe(tz)
  })

  it('runs the function in UTC: offset, hours, dates, locale strings, Intl', () => {
    expect(out.fn).toEqual({
      offsetNow: 0,
      offset: 0,
      hours: 10,
      date: 1,
      locale: '1/1/2026, 12:00:00 AM',
      toString: 'Thu Jan 01 2026 00:00:00 GMT+0000 (Coordinated Universal Time)',
      zone: 'UTC',
      setHours: '2026-03-08T00:00:00.000Z',
    })
  })

  it('puts the local cloud process itself in UTC (a worker cannot have its own zone)', () => {
    expect(out.mainThread).toEqual({ offset: 0, zone: 'UTC' })
  })

  it('gives the process its own zone back when the last local cloud closes, not before', () => {
    expect(out.whileOneRuns).toBe('UTC')
    expect(out.afterLastClosed).toBe(tz)
  })
})
