/**
 * Timer triggers: CloudBase's 7-field cron (with the year) in UTC+8, what config.json may declare, the scheduler
 * (fires at its times, skips a firing while the previous run is still going) and real firings through the cloud.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LocalCloud, startLocalCloud } from '../../localcloud'
import { TimerScheduler, parseTimerCron, readTimerTriggers, timerEvent } from '../../localcloud/timers'
import { tempDir } from './support'
import { waitUntil } from '../support/wait'

const next = (cron: string, from: string, n = 1) =>
  parseTimerCron(cron)
    .nextRuns(n, new Date(from))
    .map((d) => d.toISOString())

describe('timer cron (7 fields, UTC+8)', () => {
  it('evaluates in Asia/Shanghai: 00:10:00 there is 16:10:00 UTC the day before', () => {
    expect(next('0 10 0 * * * *', '2026-11-23T00:00:00Z', 2)).toEqual(['2026-11-23T16:10:00.000Z', '2026-11-24T16:10:00.000Z'])
    // The next time is strictly after the reference.
    expect(next('0 10 0 * * * *', '2026-11-23T16:10:00Z')).toEqual(['2026-11-24T16:10:00.000Z'])
    // The first of the month in Shanghai starts at 16:00 UTC on the last day of the previous month.
    expect(next('0 0 2 1 * * *', '2026-11-23T00:00:00Z')).toEqual(['2026-11-30T18:00:00.000Z'])
  })

  it('honours the year field: a list, a range, a step, and a year already past', () => {
    expect(next('0 0 0 1 1 * 2027,2029', '2026-06-01T00:00:00Z', 3)).toEqual(['2026-12-31T16:00:00.000Z', '2028-12-31T16:00:00.000Z'])
    expect(next('0 0 12 1 1 * 2027-2028', '2026-06-01T00:00:00Z', 3)).toEqual(['2027-01-01T04:00:00.000Z', '2028-01-01T04:00:00.000Z'])
    expect(next('0 0 12 1 1 * 2027/2', '2026-06-01T00:00:00Z', 2)).toEqual(['2027-01-01T04:00:00.000Z', '2029-01-01T04:00:00.000Z'])
    expect(parseTimerCron('0 0 0 1 1 * 2020-2025').nextRun(new Date('2026-01-01T00:00:00Z'))).toBeNull()
  })

  it('reads CloudBase notation: names, a/step from a value, and day OR weekday when both are given', () => {
    expect(next('0 1/10 * * * * *', '2026-11-23T00:00:00Z', 3)).toEqual([
      '2026-11-23T00:01:00.000Z',
      '2026-11-23T00:11:00.000Z',
      '2026-11-23T00:21:00.000Z',
    ])
    expect(next('0 15 10 * * MON-FRI *', '2026-11-27T12:00:00Z', 2)).toEqual(['2026-11-30T02:15:00.000Z', '2026-12-01T02:15:00.000Z'])
    // 2026-11-23 is a Monday: the 1st of the month OR any Monday, at noon in Shanghai.
    expect(next('0 0 12 1 * MON *', '2026-11-23T00:00:00Z', 3)).toEqual([
      '2026-11-23T04:00:00.000Z',
      '2026-11-30T04:00:00.000Z',
      '2026-12-01T04:00:00.000Z',
    ])
    expect(next('0 0 0 1 JAN * *', '2026-11-23T00:00:00Z')).toEqual(['2026-12-31T16:00:00.000Z'])
  })

  it.each([
    ['0 0 0 * * *', /expected 7 fields/],
    ['0 0 0 * * * * *', /expected 7 fields/],
    ['0 0 24 * * * *', /hour field: "24" is not 0-23/],
    ['0 0 0 ? * * *', /day-of-month field: "\?" is not 1-31/],
    ['0 0 0 L * * *', /day-of-month field/],
    ['0 0 0 * * 7 *', /day-of-week field: "7" is not 0-6/],
    ['0 0 0 * * MON#1 *', /day-of-week field/],
    ['0 0 0 * * * 2100', /year field: "2100" is not 1970-2099/],
    ['0 /5 * * * * *', /minute field: bad item "\/5"/],
    ['0 30-10 * * * * *', /minute field: range "30-10" runs backwards/],
    ['0 */0 * * * * *', /step must be at least 1/],
    ['0 0 0 * FOO * *', /month field/],
  ])('refuses %s', (cron, reason) => {
    expect(() => parseTimerCron(cron, 'function jobs, trigger "t"')).toThrow(reason)
    expect(() => parseTimerCron(cron, 'function jobs, trigger "t"')).toThrow(/function jobs, trigger "t": invalid timer cron/)
  })

  it('builds the event CloudBase sends: Time is the instant in UTC, to the second', () => {
    expect(timerEvent('points-expiry', new Date('2026-11-23T16:10:00.123Z'))).toEqual({
      Type: 'Timer',
      TriggerName: 'points-expiry',
      Time: '2026-11-23T16:10:00Z',
      Message: '',
    })
  })
})

describe('config.json triggers', () => {
  let dir: string
  beforeEach(() => {
    dir = tempDir('localcloud-triggers-')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const withConfig = (config: unknown) => {
    writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config))
    return () => readTimerTriggers(dir, 'jobs')
  }

  it('reads a timer trigger; none when config.json or triggers are missing', () => {
    expect(readTimerTriggers(dir, 'jobs')).toEqual([])
    expect(withConfig({ timeout: 60 })()).toEqual([])
    expect(withConfig({ timeout: 60, triggers: [{ name: 'points-expiry', type: 'timer', config: '0 10 0 * * * *' }] })()).toEqual([
      { fn: 'jobs', name: 'points-expiry', config: '0 10 0 * * * *' },
    ])
  })

  it('fails loudly, naming the function and the trigger', () => {
    expect(withConfig({ triggers: [{ name: 'points-expiry', type: 'timer', config: '0 10 0 * * *' }] })).toThrow(
      'local cloud: function jobs, trigger "points-expiry": invalid timer cron "0 10 0 * * *": expected 7 fields',
    )
    expect(withConfig({ triggers: [{ name: '1st', type: 'timer', config: '0 0 0 * * * *' }] })).toThrow(
      /function jobs, trigger "1st": a trigger name/,
    )
    expect(withConfig({ triggers: [{ name: 'a', type: 'cos', config: '0 0 0 * * * *' }] })).toThrow(/trigger "a": type must be "timer"/)
    expect(withConfig({ triggers: {} })).toThrow(/function jobs: config.json "triggers" must be an array/)
    expect(withConfig('{ nope')).toThrow(/function jobs: config.json is not JSON/)
  })

  it('refuses a second trigger on one function, as CloudBase does', () => {
    const two = [
      { name: 'a', type: 'timer', config: '0 0 0 * * * *' },
      { name: 'b', type: 'timer', config: '0 0 1 * * * *' },
    ]
    expect(withConfig({ triggers: two })).toThrow(/function jobs: config.json declares 2 triggers; CloudBase allows one per function/)
  })
})

describe('the scheduler (fake clock)', () => {
  afterEach(() => jest.useRealTimers())

  it('fires at each time, and skips (and logs) a firing while the previous run is still running', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T00:00:00.400Z') })
    const fired: string[] = []
    const finish: (() => void)[] = []
    const log: string[] = []
    const scheduler = new TimerScheduler(
      [{ fn: 'jobs', name: 'tick', config: '* * * * * * *' }],
      (fn, trigger, at) => {
        fired.push(`${fn}/${trigger}@${at.toISOString()}`)
        return new Promise((resolve) => finish.push(() => resolve({ outcome: { kind: 'ok' }, durationMs: 1, body: { ok: true } })))
      },
      (line) => log.push(line),
    )
    expect(scheduler.runs()[0]).toMatchObject({ next: '2026-11-23T00:00:01.000Z', scheduled: false, fired: 0 })
    scheduler.start()
    await jest.advanceTimersByTimeAsync(600)
    expect(fired).toEqual(['jobs/tick@2026-11-23T00:00:01.000Z'])
    await jest.advanceTimersByTimeAsync(2000) // 00:00:02 and 00:00:03 come while the first run goes on
    expect(fired).toHaveLength(1)
    expect(log).toEqual([
      '[timer] jobs/tick at 2026-11-23T00:00:02Z skipped: the previous run is still running',
      '[timer] jobs/tick at 2026-11-23T00:00:03Z skipped: the previous run is still running',
    ])
    finish[0]()
    await jest.advanceTimersByTimeAsync(1000)
    expect(fired).toEqual(['jobs/tick@2026-11-23T00:00:01.000Z', 'jobs/tick@2026-11-23T00:00:04.000Z'])
    expect(scheduler.runs()[0]).toMatchObject({
      scheduled: true,
      running: true,
      fired: 2,
      skipped: 2,
      next: '2026-11-23T00:00:05.000Z',
      lastOutcome: 'ok',
    })
    scheduler.stop()
    finish[1]()
    await jest.advanceTimersByTimeAsync(5000)
    expect(fired).toHaveLength(2)
  })

  it('does not catch up times missed while the process was busy', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T00:00:00.400Z') })
    const fired: string[] = []
    const scheduler = new TimerScheduler(
      [{ fn: 'jobs', name: 'tick', config: '*/10 * * * * * *' }],
      async (_fn, _t, at) => {
        fired.push(at.toISOString())
        return { outcome: { kind: 'ok' }, durationMs: 0, body: null }
      },
      () => undefined,
    )
    scheduler.start()
    // The clock jumps 35 s while the timer for 00:00:10 waits: it fires late (at 00:00:44.6), once; 00:00:20, :30
    // and :40 are not caught up, and the next is 00:00:50.
    jest.setSystemTime(new Date('2026-11-23T00:00:35.000Z'))
    await jest.advanceTimersByTimeAsync(16_000)
    scheduler.stop()
    expect(fired).toEqual(['2026-11-23T00:00:10.000Z', '2026-11-23T00:00:50.000Z'])
  })
})

describe('timers in the local cloud (real time)', () => {
  let cloud: LocalCloud
  let dir: string

  const fn = (name: string, config: object, source: string) => {
    mkdirSync(join(dir, 'fns', name), { recursive: true })
    writeFileSync(join(dir, 'fns', name, 'config.json'), JSON.stringify(config))
    writeFileSync(join(dir, 'fns', name, 'index.js'), source)
  }

  const RECORDER = (name: string, extra = '') => `
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
exports.main = async (event) => {
  const startedAt = Date.now()
  ${extra}
  const { SOURCE } = cloud.getWXContext()
  await db.collection('ticks').add({ data: { fn: '${name}', event, source: SOURCE, hasOpenid: 'WX_OPENID' in process.env, startedAt, endedAt: Date.now() } })
  return { ok: true }
}`

  beforeAll(async () => {
    dir = tempDir('localcloud-timers-')
    mkdirSync(join(dir, 'collections'))
    fn('ticker', { timeout: 3, triggers: [{ name: 'every-second', type: 'timer', config: '* * * * * * *' }] }, RECORDER('ticker'))
    fn(
      'slow',
      { timeout: 5, triggers: [{ name: 'slow-job', type: 'timer', config: '* * * * * * *' }] },
      RECORDER('slow', 'await new Promise((r) => setTimeout(r, 1600))'),
    )
    fn('plain', { timeout: 3 }, 'exports.main = async () => ({ ok: true })')
    cloud = await startLocalCloud({
      dataDir: join(dir, 'data'),
      functionsDir: join(dir, 'fns'),
      collectionsDir: join(dir, 'collections'),
      strictCollections: false,
      staticDir: null,
      port: 0,
      logs: false,
      prewarm: true,
      timers: true,
    })
  }, 30_000)

  afterAll(async () => {
    await cloud?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  type Tick = { fn: string; event: Record<string, string>; source: string; hasOpenid: boolean; startedAt: number; endedAt: number }
  const ticks = (f: string) => cloud.executor.find('ticks', { fn: f }, { sort: { startedAt: 1 } }) as unknown as Tick[]

  it('fires every declared trigger as CloudBase would: timer event, no caller, source wx_trigger', async () => {
    await waitUntil(() => ticks('ticker').length >= 2, { withinMs: 6000, everyMs: 100 })
    const seen = ticks('ticker')
    expect(seen.length).toBeGreaterThanOrEqual(2)
    for (const t of seen) {
      expect(t.event).toEqual({
        Type: 'Timer',
        TriggerName: 'every-second',
        Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        Message: '',
      })
      expect(t.source).toBe('wx_trigger')
      expect(t.hasOpenid).toBe(false)
      // Fired at (or just after) its scheduled second, never before (slack for a loaded test machine).
      expect(t.startedAt - Date.parse(t.event.Time)).toBeGreaterThanOrEqual(0)
      expect(t.startedAt - Date.parse(t.event.Time)).toBeLessThan(1500)
    }
    expect(new Set(seen.map((t) => t.event.Time)).size).toBe(seen.length)
  }, 10_000)

  it('skips a firing while the previous run of the same trigger is still running', async () => {
    const skipped = () => cloud.nextTimerRuns().find((r) => r.trigger === 'slow-job')!.skipped
    await waitUntil(() => ticks('slow').length >= 2 && skipped() >= 2, { withinMs: 8000, everyMs: 100 })
    const runs = ticks('slow')
    expect(runs.length).toBeGreaterThanOrEqual(2)
    expect(skipped()).toBeGreaterThanOrEqual(2)
    // Runs never overlap.
    for (let i = 1; i < runs.length; i++) expect(runs[i].startedAt).toBeGreaterThanOrEqual(runs[i - 1].endedAt)
  }, 12_000)

  it('lists every trigger with its next time', () => {
    const runs = cloud.nextTimerRuns()
    expect(runs.map((r) => `${r.function}/${r.trigger}`)).toEqual(['slow/slow-job', 'ticker/every-second'])
    for (const r of runs) {
      expect(r).toMatchObject({ cron: '* * * * * * *', scheduled: true })
      expect(Date.parse(r.next!) - Date.now()).toBeLessThanOrEqual(1000)
    }
    expect((cloud.stats().timers as unknown[]).length).toBe(2)
  })
})

describe('starting with a bad trigger', () => {
  it('fails the start, naming the function and trigger', async () => {
    const dir = tempDir('localcloud-badtimer-')
    try {
      mkdirSync(join(dir, 'fns', 'jobs'), { recursive: true })
      writeFileSync(join(dir, 'fns', 'jobs', 'index.js'), 'exports.main = async () => null')
      writeFileSync(
        join(dir, 'fns', 'jobs', 'config.json'),
        JSON.stringify({ timeout: 60, triggers: [{ name: 'points-expiry', type: 'timer', config: '0 10 0 * * ? *' }] }),
      )
      await expect(
        startLocalCloud({ dataDir: join(dir, 'data'), functionsDir: join(dir, 'fns'), staticDir: null, port: 0, logs: false }),
      ).rejects.toThrow('local cloud: function jobs, trigger "points-expiry": invalid timer cron "0 10 0 * * ? *": day-of-week field')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
