/**
 * CloudBase's timer-trigger grammar, held once for the local cloud's scheduler (timers.ts) and the deploy plan
 * (scripts/deploy/plan.ts), so a config the local cloud runs is exactly one the deploy accepts.
 *
 * Documented rules (WeChat cloud docs "定时触发器", tcb CLI "tcb fn trigger"):
 *  - 7 fields: seconds 0-59, minutes 0-59, hours 0-23, day 1-31, month 1-12 or JAN-DEC, weekday 0-6 or SUN-SAT
 *    (0 = Sunday), year 1970-2099; each takes `,` `-` `*` `/` (a `/` needs a value on both sides: `*\/5`, `1/10`);
 *  - trigger names: a letter, then up to 59 of `A-Z a-z 0-9 - _`; unique within a function.
 * croner understands more (`?`, `L`, `W`, `#`, a Sunday of 7, 5- and 6-field patterns), so this is checked first.
 */

export const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  label: string
  min: number
  max: number
  names?: string[]
  /** The value of names[0]. */
  nameBase?: number
}
const FIELDS: FieldSpec[] = [
  { label: 'second', min: 0, max: 59 },
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day-of-month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { label: 'day-of-week', min: 0, max: 6, names: WEEKDAYS, nameBase: 0 },
  { label: 'year', min: 1970, max: 2099 },
]

const valueProblem = (text: string, f: FieldSpec): { value: number } | { problem: string } => {
  const named = f.names?.indexOf(text.toUpperCase()) ?? -1
  const n = named >= 0 ? named + (f.nameBase ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN
  if (Number.isInteger(n) && n >= f.min && n <= f.max) return { value: n }
  const names = f.names ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ''
  return { problem: `${f.label} field: ${JSON.stringify(text)} is not ${f.min}-${f.max}${names}` }
}

/** One field: items `*`, `v`, `a-b`, each optionally `/step`, joined by commas. */
const fieldProblem = (text: string, f: FieldSpec): string | null => {
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item)
    if (!m) return `${f.label} field: bad item ${JSON.stringify(item)} (CloudBase takes , - * / only; a / needs a value on both sides)`
    const [, base, step] = m
    if (step !== undefined && Number(step) < 1) return `${f.label} field: step must be at least 1 in ${JSON.stringify(item)}`
    if (base === '*') continue
    const range = base.split('-')
    if (range.length > 2) return `${f.label} field: bad range ${JSON.stringify(base)}`
    const values: number[] = []
    for (const v of range) {
      const r = valueProblem(v, f)
      if ('problem' in r) return r.problem
      values.push(r.value)
    }
    if (values.length === 2 && values[0] > values[1]) return `${f.label} field: range ${JSON.stringify(base)} runs backwards`
  }
  return null
}

/** Why a timer cron is not one CloudBase accepts, or null when it is. */
export const cronProblem = (expression: unknown): string | null => {
  if (typeof expression !== 'string') return 'config must be a cron string'
  const fields = expression.trim().split(/\s+/)
  if (fields.length !== 7) return `expected 7 fields (second minute hour day month weekday year), got ${fields.length}`
  for (let i = 0; i < 7; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i])
    if (problem) return problem
  }
  return null
}
