/**
 * Timer triggers, as CloudBase runs them.
 *
 * A function's `config.json` declares `{ "triggers": [{ "name", "type": "timer", "config": "0 10 0 * * * *" }] }`:
 * a 7-field cron (second minute hour day-of-month month day-of-week year) evaluated in UTC+8 (Asia/Shanghai has
 * no DST). The platform then calls the function with no user (TCB_SOURCE wx_trigger, no WX_OPENID) and the event
 * `{ Type: 'Timer', TriggerName, Time, Message }` (Tencent SCF's timer event; Time is the scheduled instant in
 * UTC, to the second, e.g. "2026-11-23T16:10:00Z").
 *
 * What CloudBase accepts (cloudbaseCron.ts, shared with the deploy plan) is checked before croner (npm) computes the
 * times: croner understands more than CloudBase documents, and a local cloud that scheduled those would let a
 * config pass here that the deploy refuses. Also:
 *  - day-of-month and day-of-week both given: either matches (OR), croner's default;
 *  - only `timer` triggers, and one per function ("目前仅支持一个触发器").
 *
 * Overlap (undocumented on CloudBase): a firing that comes while the previous run of the same trigger is still
 * running (or queued for an instance) is skipped and logged, never queued, so a slow job cannot pile up runs.
 * Missed times (the process was busy or asleep) are not caught up: the next time is computed from now.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Cron } from 'croner'
import { cronProblem, TRIGGER_NAME } from './cloudbaseCron'

/** Asia/Shanghai: UTC+8 all year. */
export const TIMER_UTC_OFFSET_MINUTES = 480

export interface TimerTrigger {
  fn: string
  name: string
  /** The cron expression as written in config.json. */
  config: string
}

/**
 * Parses a CloudBase timer cron into a croner schedule (not started), or throws an Error explaining what is
 * wrong. `where` names the function and trigger in the message.
 */
export const parseTimerCron = (expression: string, where = 'timer'): Cron => {
  try {
    const problem = cronProblem(expression)
    if (problem) throw new Error(problem)
    // sloppyRanges: CloudBase documents `1/10` ("from minute 1, every 10"); croner calls that non-standard.
    return new Cron(expression.trim().split(/\s+/).join(' '), {
      mode: '7-part',
      utcOffset: TIMER_UTC_OFFSET_MINUTES,
      sloppyRanges: true,
      paused: true,
    })
  } catch (e) {
    throw new Error(`local cloud: ${where}: invalid timer cron ${JSON.stringify(expression)}: ${(e as Error).message}`)
  }
}

/**
 * The timer triggers a function's config.json declares (validated: fails loudly naming the function and trigger).
 * A missing config.json or `triggers` means none.
 */
export const readTimerTriggers = (fnDir: string, fn: string): TimerTrigger[] => {
  const file = join(fnDir, 'config.json')
  if (!existsSync(file)) return []
  let config: { triggers?: unknown }
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: unknown }
  } catch (e) {
    throw new Error(`local cloud: function ${fn}: config.json is not JSON: ${(e as Error).message}`)
  }
  const triggers = config?.triggers
  if (triggers === undefined) return []
  if (!Array.isArray(triggers)) throw new Error(`local cloud: function ${fn}: config.json "triggers" must be an array`)
  if (triggers.length > 1)
    throw new Error(
      `local cloud: function ${fn}: config.json declares ${triggers.length} triggers; CloudBase allows one per function ` +
        '(dispatch several jobs from one trigger, or use one function per schedule)',
    )
  const seen = new Set<string>()
  return triggers.map((t: { name?: unknown; type?: unknown; config?: unknown }, i) => {
    const name = typeof t?.name === 'string' ? t.name : ''
    const where = `function ${fn}, trigger ${name ? JSON.stringify(name) : `#${i + 1}`}`
    if (!TRIGGER_NAME.test(name)) throw new Error(`local cloud: ${where}: a trigger name is a letter then up to 59 of A-Z a-z 0-9 - _`)
    if (seen.has(name)) throw new Error(`local cloud: ${where}: duplicate trigger name`)
    seen.add(name)
    if (t.type !== 'timer') throw new Error(`local cloud: ${where}: type must be "timer" (the only trigger type CloudBase has)`)
    parseTimerCron(t.config as string, where)
    return { fn, name, config: t.config as string }
  })
}

/** An instant as the timer event's Time: UTC to the second, e.g. "2026-11-23T16:10:00Z". */
export const timerTime = (at: Date | number | string): string => {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at)
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** The event CloudBase passes to a function run by its timer trigger. */
export const timerEvent = (triggerName: string, at: Date | number | string = Date.now()) => ({
  Type: 'Timer',
  TriggerName: triggerName,
  Time: timerTime(at),
  Message: '',
})

export interface TimerRun {
  function: string
  trigger: string
  cron: string
  /** The next scheduled time (ISO), or null if the cron never matches again (e.g. a past year). */
  next: string | null
  /** Whether the scheduler is running it (startLocalCloud({ timers: true })). */
  scheduled: boolean
  running: boolean
  fired: number
  skipped: number
  lastFiredAt?: string
  lastOutcome?: string
}

/** What the scheduler needs from the cloud: run one timer firing (resolves when the invocation ends). */
export type FireTimer = (fn: string, trigger: string, at: Date) => Promise<{ outcome: { kind: string }; durationMs: number; body: unknown }>

/** setTimeout's limit (~24.8 days); longer waits re-arm. */
const MAX_DELAY_MS = 2 ** 31 - 1

interface Slot {
  trigger: TimerTrigger
  cron: Cron
  timer?: NodeJS.Timeout
  next: Date | null
  running: boolean
  fired: number
  skipped: number
  lastFiredAt?: string
  lastOutcome?: string
}

/** Fires every trigger at its times until stopped. */
export class TimerScheduler {
  private readonly slots: Slot[]
  private started = false
  private stopped = false

  constructor(
    triggers: TimerTrigger[],
    private readonly fire: FireTimer,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = triggers.map((trigger) => ({
      trigger,
      cron: parseTimerCron(trigger.config, `function ${trigger.fn}, trigger "${trigger.name}"`),
      next: null,
      running: false,
      fired: 0,
      skipped: 0,
    }))
  }

  start() {
    if (this.started || this.stopped) return
    this.started = true
    for (const slot of this.slots) this.arm(slot)
  }

  stop() {
    this.stopped = true
    for (const slot of this.slots) clearTimeout(slot.timer)
  }

  /** Schedules the slot's next time strictly after now (missed times are not caught up). */
  private arm(slot: Slot) {
    if (this.stopped) return
    const now = this.now()
    slot.next = slot.cron.nextRun(new Date(now))
    if (!slot.next) return
    const at = slot.next
    const wait = () => {
      const delay = at.getTime() - this.now()
      if (delay > 0) {
        slot.timer = setTimeout(wait, Math.min(delay, MAX_DELAY_MS))
        slot.timer.unref()
        return
      }
      this.onTime(slot, at)
    }
    wait()
  }

  private onTime(slot: Slot, at: Date) {
    if (this.stopped) return
    this.arm(slot)
    const { fn, name } = slot.trigger
    if (slot.running) {
      slot.skipped++
      this.log(`[timer] ${fn}/${name} at ${timerTime(at)} skipped: the previous run is still running`)
      return
    }
    slot.running = true
    slot.fired++
    slot.lastFiredAt = timerTime(at)
    this.fire(fn, name, at)
      .then(
        (inv) => {
          const body = inv.body as { ok?: unknown; error?: { code?: unknown } } | null
          const result =
            inv.outcome.kind !== 'ok' ? inv.outcome.kind : body?.ok === false ? `ok:false ${String(body.error?.code ?? '')}` : 'ok'
          slot.lastOutcome = result
          this.log(`[timer] ${fn}/${name} at ${timerTime(at)}: ${result} (${inv.durationMs} ms)`)
        },
        (e) => {
          slot.lastOutcome = 'failed'
          this.log(`[timer] ${fn}/${name} at ${timerTime(at)} failed: ${(e as Error)?.message ?? e}`)
        },
      )
      .finally(() => {
        slot.running = false
      })
  }

  /** Each trigger's next time and counters. */
  runs(): TimerRun[] {
    return this.slots.map((s) => {
      const next = this.started && !this.stopped ? s.next : s.cron.nextRun(new Date(this.now()))
      return {
        function: s.trigger.fn,
        trigger: s.trigger.name,
        cron: s.trigger.config,
        next: next ? next.toISOString() : null,
        scheduled: this.started && !this.stopped,
        running: s.running,
        fired: s.fired,
        skipped: s.skipped,
        ...(s.lastFiredAt ? { lastFiredAt: s.lastFiredAt } : {}),
        ...(s.lastOutcome ? { lastOutcome: s.lastOutcome } : {}),
      }
    })
  }
}
