import { AppError } from '../../src/domain/errors'
import { CODE_STEP_SECONDS, codeStep } from '../../src/domain/memberCode'
import { acceptScan, spendCode, TILL_SESSION_MINUTES, type PresentedCode, type TillCodeState } from '../../src/domain/tillCode'

const NOW = '2026-11-25T01:00:00.000Z'
const STEP = codeStep(Date.parse(NOW))
const secondsLater = (s: number) => new Date(Date.parse(NOW) + s * 1000).toISOString()
const tillA = { staffId: 'A01', storeId: 'SH001' }
const tillB = { staffId: 'A03', storeId: 'SH001' }
const code = (step: number, fresh = true, version = 1): PresentedCode => ({ version, step, fresh })

const refusal = (run: () => unknown): string => {
  try {
    run()
  } catch (e) {
    if (e instanceof AppError) return e.code
    throw e
  }
  return 'accepted'
}

describe('acceptScan', () => {
  it('accepts a fresh code no till has taken, and records who scanned it', () => {
    expect(acceptScan(undefined, code(STEP), tillA, NOW)).toEqual([
      { version: 1, step: STEP, staffId: 'A01', storeId: 'SH001', acceptedAt: NOW, usedFor: null },
    ])
  })
  it('refuses the same code twice and a stale code; the fresh step before is still its own code', () => {
    const kept = acceptScan(undefined, code(STEP), tillA, NOW)
    expect(refusal(() => acceptScan(kept, code(STEP), tillB, NOW))).toBe('CODE_ALREADY_USED')
    expect(refusal(() => acceptScan(kept, code(STEP - 5, false), tillA, NOW))).toBe('CODE_EXPIRED')
    expect(acceptScan(kept, code(STEP - 1), tillB, NOW).map((c) => c.step)).toEqual([STEP - 1, STEP])
  })
  it('forgets the codes of a secret that was reset', () => {
    const kept = acceptScan(undefined, code(STEP), tillA, NOW)
    expect(acceptScan(kept, code(STEP, true, 2), tillA, NOW)).toEqual([expect.objectContaining({ version: 2, step: STEP })])
  })
})

describe('spendCode', () => {
  const scanned: TillCodeState[] = [{ version: 1, step: STEP, staffId: 'A01', storeId: 'SH001', acceptedAt: NOW, usedFor: null }]
  const atMinute = (m: number) => secondsLater(m * 60)

  it('spends the scan of the same assistant within the session, once', () => {
    const spent = spendCode(scanned, code(STEP, false), tillA, 'purchase:1', atMinute(TILL_SESSION_MINUTES))
    expect(spent).toEqual([{ ...scanned[0], usedFor: 'purchase:1' }])
    // The retry of the same purchase passes unchanged; any other use is refused.
    expect(spendCode(spent, code(STEP), tillA, 'purchase:1', NOW)).toEqual(spent)
    expect(refusal(() => spendCode(spent, code(STEP), tillA, 'purchase:2', NOW))).toBe('CODE_ALREADY_USED')
  })
  it("refuses another assistant's scan and a scan older than the session", () => {
    expect(refusal(() => spendCode(scanned, code(STEP), tillB, 'purchase:1', NOW))).toBe('CODE_ALREADY_USED')
    expect(refusal(() => spendCode(scanned, code(STEP, false), tillA, 'purchase:1', atMinute(TILL_SESSION_MINUTES + 1)))).toBe(
      'CODE_EXPIRED',
    )
  })
  it('accepts and spends a fresh code no till scanned at once; a stale one is refused', () => {
    expect(spendCode(scanned, code(STEP + 1), tillB, 'redeem:x', NOW)).toEqual([
      scanned[0],
      expect.objectContaining({ step: STEP + 1, staffId: 'A03', usedFor: 'redeem:x' }),
    ])
    expect(refusal(() => spendCode(scanned, code(STEP - 4, false), tillA, 'purchase:1', NOW))).toBe('CODE_EXPIRED')
  })
  it('keeps the list short: spent codes go once they cannot be presented, waiting scans once their session ends', () => {
    const spent = spendCode(undefined, code(STEP), tillA, 'purchase:1', NOW)
    const minuteOn = secondsLater(2 * CODE_STEP_SECONDS)
    const waiting = acceptScan(spent, code(STEP + 2), tillA, minuteOn)
    expect(waiting.map((c) => c.step)).toEqual([STEP + 2])
    const quarterHourOn = secondsLater(15 * 60)
    const next = acceptScan(waiting, code(STEP + 30), tillB, quarterHourOn)
    expect(next.map((c) => c.step)).toEqual([STEP + 30])
  })
})
