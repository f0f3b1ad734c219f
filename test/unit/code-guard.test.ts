import {
  CODE_BRAKE,
  isPaused,
  lockedUntil,
  resumeTill,
  wrongCodeForMember,
  wrongCodeForTill,
  type MemberCodeGuard,
  type TillCodeGuard,
} from '../../src/domain/codeGuard'
import { at } from '../support/clock'

const plus = (instant: string, minutes: number) => new Date(Date.parse(instant) + minutes * 60_000).toISOString()
const wrong = (when: string, staffId = 'A01', storeId = 'SH001') => ({ at: when, staffId, storeId })

/** Wrong codes for one member at the given minutes after `start`; the guard after them and whether the last locked. */
const memberAfter = (start: string, minutes: number[]) => {
  let guard: MemberCodeGuard | null = null
  let lockedBy = null
  for (const m of minutes) ({ guard, lockedBy } = wrongCodeForMember(guard, '20261123002', wrong(plus(start, m))))
  return { guard: guard!, lockedBy }
}

describe('the member lock', () => {
  const start = at('2026-11-26T10:00:00')

  it('locks on the fifth wrong code within 10 minutes, for 15 minutes, naming the codes that did', () => {
    const { guard, lockedBy } = memberAfter(start, [0, 2, 4, 6, 9.9])
    expect(CODE_BRAKE.member).toEqual({ wrongCodes: 5, withinMinutes: 10, lockMinutes: 15 })
    expect(lockedBy).toHaveLength(5)
    expect(guard).toMatchObject({ wrongCodes: 5, locks: 1, lockedAt: plus(start, 9.9), lockedUntil: plus(start, 24.9), recent: [] })
    expect(lockedUntil(guard, plus(start, 24.8))).toBe(plus(start, 24.9))
    expect(lockedUntil(guard, plus(start, 24.9))).toBeNull()
  })

  it('forgets wrong codes older than the window: five spread over more than 10 minutes lock nothing', () => {
    const { guard, lockedBy } = memberAfter(start, [0, 3, 6, 9, 10])
    expect(lockedBy).toBeNull()
    expect(guard).toMatchObject({ wrongCodes: 5, locks: 0, lockedUntil: null })
    expect(guard.recent).toHaveLength(4)
  })

  it('counts wrong codes during a lock without extending it, and starts counting again after it', () => {
    const locked = memberAfter(start, [0, 1, 2, 3, 4, 5, 6]).guard
    expect(locked).toMatchObject({ wrongCodes: 7, locks: 1, lockedUntil: plus(start, 19), recent: [] })
    let guard = locked
    for (const m of [19, 20, 21, 22]) guard = wrongCodeForMember(guard, '20261123002', wrong(plus(start, m))).guard
    expect(guard).toMatchObject({ locks: 1, lockedUntil: plus(start, 19) })
    expect(wrongCodeForMember(guard, '20261123002', wrong(plus(start, 23))).guard).toMatchObject({ locks: 2, lockedUntil: plus(start, 38) })
  })
})

describe('the till pause', () => {
  const start = at('2026-11-26T14:00:00')
  const tillAfter = (minutes: number[]) => {
    let guard: TillCodeGuard | null = null
    let paused = false
    for (const m of minutes) ({ guard, paused } = wrongCodeForTill(guard, wrong(plus(start, m))))
    return { guard: guard!, paused }
  }

  it('pauses on the thirtieth wrong code within an hour, with no end until a manager resumes it', () => {
    const { guard, paused } = tillAfter(Array.from({ length: 30 }, (_, i) => i * 2))
    expect(paused).toBe(true)
    expect(isPaused(guard)).toBe(true)
    // Later wrong codes are counted; time alone does not resume it.
    const later = wrongCodeForTill(guard, wrong(plus(start, 24 * 60)))
    expect(later).toMatchObject({ paused: false, guard: { pausedAt: plus(start, 58), wrongCodes: 31 } })
    const resumed = resumeTill(later.guard, 'M01', plus(start, 25 * 60))!
    expect(resumed).toMatchObject({ pausedAt: null, resumedBy: 'M01', recent: [] })
    expect(resumeTill(resumed, 'M01', plus(start, 25 * 60))).toBeNull()
  })

  it('does not pause for 30 wrong codes spread over more than an hour', () => {
    expect(tillAfter(Array.from({ length: 30 }, (_, i) => i * 2.1)).paused).toBe(false)
  })
})
