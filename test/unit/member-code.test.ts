/**
 * The dynamic member code's core: RFC 4226 / RFC 6238 test vectors for the HMAC one-time passwords, the
 * code's layout and typo check, the 30-second step boundaries, and how the server judges a scanned code
 * (±1 step accepted, older = expired, anything else invalid), with phone clocks off by up to 30 s.
 */
import fc from 'fast-check'
import { sha1 } from '@noble/hashes/legacy'
import { sha256, sha512 } from '@noble/hashes/sha2'
import { utf8ToBytes } from '@noble/hashes/utils'
import {
  codeStep,
  DYNAMIC_CODE_LENGTH,
  dynamicCodeForStep,
  dynamicMemberCode,
  EXPIRED_LOOKBACK_STEPS,
  formatDynamicCode,
  hotp,
  judgeCode,
  maskDynamicCode,
  parseDynamicCode,
  secondsLeftInStep,
  secretToHex,
  totp,
} from '../../src/domain/memberCode'
import { generateMemberNo, isValidMemberNo } from '../../src/domain/memberNo'

const MEMBER_NO = '12345678903'
const SECRET = 'a1'.repeat(32)
const OTHER_SECRET = '5e'.repeat(32)

/** A deterministic source of randomness, so a failure can be replayed. */
const seededRandom = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

describe('RFC 4226 HOTP (Appendix D)', () => {
  const key = utf8ToBytes('12345678901234567890')
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
  it.each(expected.map((value, counter) => [counter, value]))('counter %i gives %s with HMAC-SHA-1', (counter, value) => {
    expect(hotp(key, counter as number, 6, sha1)).toBe(value)
  })
})

describe('RFC 6238 TOTP (Appendix B), 8 digits, 30-second steps', () => {
  // The RFC's seeds: the ASCII digits repeated to each hash's output length.
  const keys = {
    sha1: utf8ToBytes('12345678901234567890'),
    sha256: utf8ToBytes('12345678901234567890123456789012'),
    sha512: utf8ToBytes('1234567890123456789012345678901234567890123456789012345678901234'),
  }
  const hashes = { sha1, sha256, sha512 }
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ]
  it.each(table)('at %i s: SHA-1 %s, SHA-256 %s, SHA-512 %s', (seconds, ...values) => {
    ;(['sha1', 'sha256', 'sha512'] as const).forEach((name, i) => {
      expect(totp(keys[name], seconds * 1000, { digits: 8, hash: hashes[name] })).toBe(values[i])
    })
  })
})

describe('the code the card shows', () => {
  it('is the member number, a 6-digit password and a check digit: 18 digits', () => {
    const code = dynamicMemberCode(MEMBER_NO, SECRET, Date.parse('2026-11-23T06:00:00Z'))
    expect(code).toMatch(/^\d{18}$/)
    expect(code).toHaveLength(DYNAMIC_CODE_LENGTH)
    expect(code.startsWith(MEMBER_NO)).toBe(true)
    expect(code.slice(11, 17)).toBe(hotp(Uint8Array.from(Buffer.from(SECRET, 'hex')), codeStep(Date.parse('2026-11-23T06:00:00Z'))))
    expect(parseDynamicCode(code)).toEqual({ ok: true, memberNo: MEMBER_NO, otp: code.slice(11, 17) })
    expect(formatDynamicCode(code)).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{2}$/)
    expect(parseDynamicCode(formatDynamicCode(code))).toMatchObject({ ok: true }) // spaces as typed are fine
  })

  it('changes with every 30-second step, and only then', () => {
    const stepStart = 1_795_000_020_000 // a multiple of 30 s
    expect(stepStart % 30_000).toBe(0)
    const before = dynamicMemberCode(MEMBER_NO, SECRET, stepStart - 1)
    const first = dynamicMemberCode(MEMBER_NO, SECRET, stepStart)
    const last = dynamicMemberCode(MEMBER_NO, SECRET, stepStart + 29_999)
    const next = dynamicMemberCode(MEMBER_NO, SECRET, stepStart + 30_000)
    expect(first).toBe(last)
    expect(first).not.toBe(before)
    expect(first).not.toBe(next)
    expect(codeStep(stepStart + 29_999)).toBe(codeStep(stepStart))
    expect(codeStep(stepStart + 30_000)).toBe(codeStep(stepStart) + 1)
    expect(secondsLeftInStep(stepStart)).toBe(30)
    expect(secondsLeftInStep(stepStart + 1)).toBe(30)
    expect(secondsLeftInStep(stepStart + 29_000)).toBe(1)
    expect(secondsLeftInStep(stepStart + 29_999)).toBe(1)
  })

  it('differs between members and between secrets', () => {
    const now = Date.parse('2026-11-23T06:00:00Z')
    expect(dynamicMemberCode(MEMBER_NO, SECRET, now)).not.toBe(dynamicMemberCode(MEMBER_NO, OTHER_SECRET, now))
    expect(dynamicMemberCode('20261123002', SECRET, now).slice(0, 11)).toBe('20261123002')
  })

  it('catches every mistyped digit and every swapped neighbour pair but 0/9 by its check digit', () => {
    const random = seededRandom(7)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (step, position, delta) => {
          const memberNo = generateMemberNo(() => Math.floor(random() * 10))
          const code = dynamicCodeForStep(memberNo, SECRET, step)
          const typo = code.slice(0, position) + String((Number(code[position]) + delta) % 10) + code.slice(position + 1)
          const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2)
          expect(parseDynamicCode(typo)).toEqual({ ok: false, problem: 'check' })
          if (
            code[position] !== code[position + 1] &&
            `${code[position]}${code[position + 1]}` !== '09' &&
            `${code[position]}${code[position + 1]}` !== '90'
          ) {
            expect(parseDynamicCode(swapped)).toEqual({ ok: false, problem: 'check' })
          }
        },
      ),
      { seed: 42, numRuns: 500 },
    )
  })

  it('tells what is not a dynamic code by its shape', () => {
    for (const text of [
      '',
      '12345678903',
      '1234567890312345',
      '1234567890312345678',
      '12345678903abcdef7',
      '１２３４５６７８９０３１２３４５６７８',
    ]) {
      expect(parseDynamicCode(text)).toEqual({ ok: false, problem: 'shape' })
    }
  })

  it('makes secrets of exactly 32 bytes as 64 hex digits', () => {
    expect(secretToHex(new Uint8Array(32).fill(255))).toBe('ff'.repeat(32))
    expect(() => secretToHex(new Uint8Array(16))).toThrow()
    expect(() => dynamicMemberCode(MEMBER_NO, 'not-hex', 0)).toThrow()
  })
})

describe('judging a scanned code at the server', () => {
  const serverNow = Date.parse('2026-11-23T06:00:10Z')
  const otpAt = (ms: number, secret = SECRET) => dynamicMemberCode(MEMBER_NO, secret, ms).slice(11, 17)

  it('accepts the current step and one step either side', () => {
    const now = codeStep(serverNow)
    expect(judgeCode(SECRET, otpAt(serverNow), serverNow)).toEqual({ verdict: 'fresh', step: now })
    expect(judgeCode(SECRET, otpAt(serverNow - 30_000), serverNow)).toEqual({ verdict: 'fresh', step: now - 1 })
    expect(judgeCode(SECRET, otpAt(serverNow + 30_000), serverNow)).toEqual({ verdict: 'fresh', step: now + 1 })
  })

  it('calls a code from two or more steps ago expired (an old screenshot), up to two hours back', () => {
    const now = codeStep(serverNow)
    expect(judgeCode(SECRET, otpAt(serverNow - 61_000), serverNow)).toMatchObject({ verdict: 'expired' })
    expect(judgeCode(SECRET, otpAt(serverNow - 60_000), serverNow)).toEqual({ verdict: 'expired', step: now - 2 })
    expect(judgeCode(SECRET, otpAt(serverNow - 10 * 60_000), serverNow)).toEqual({ verdict: 'expired', step: now - 20 })
    expect(judgeCode(SECRET, otpAt(serverNow - EXPIRED_LOOKBACK_STEPS * 30_000), serverNow)).toMatchObject({ verdict: 'expired' })
  })

  it('finds any code made more than 60 seconds before the scan expired, wherever in its step it was made', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 29_999 }), fc.integer({ min: 60_001, max: 3_600_000 }), (offset, age) => {
        const madeAt = serverNow - (serverNow % 30_000) + offset
        expect(judgeCode(SECRET, otpAt(madeAt), madeAt + age).verdict).toBe('expired')
      }),
      { seed: 3, numRuns: 300 },
    )
  })

  it('refuses a tampered password, another secret (a reset) and a code from the future as invalid', () => {
    const otp = otpAt(serverNow)
    const tampered = otp.slice(0, 5) + String((Number(otp[5]) + 1) % 10)
    expect(judgeCode(SECRET, tampered, serverNow).verdict).not.toBe('fresh')
    expect(judgeCode(OTHER_SECRET, otp, serverNow)).toEqual({ verdict: 'invalid' })
    expect(judgeCode(SECRET, otpAt(serverNow + 60_000), serverNow)).toEqual({ verdict: 'invalid' })
  })

  it('takes no forged password as fresh: 0 of 200 random passwords', () => {
    const random = seededRandom(11)
    let fresh = 0
    for (let i = 0; i < 200; i++) {
      const guess = String(Math.floor(random() * 1_000_000)).padStart(6, '0')
      if (guess !== otpAt(serverNow) && judgeCode(SECRET, guess, serverNow).verdict === 'fresh') fresh++
    }
    expect(fresh).toBe(0)
  })

  it('has 0 false rejects over 1,000 fresh codes from phones whose clocks are off by up to ±30 s', () => {
    const random = seededRandom(2026)
    const rejects: { skewMs: number; serverMs: number }[] = []
    for (let i = 0; i < 1_000; i++) {
      const memberNo = generateMemberNo(() => Math.floor(random() * 10))
      const secret = secretToHex(Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256)))
      const serverMs = Date.parse('2026-01-01T00:00:00Z') + Math.floor(random() * 365 * 86_400_000)
      const skewMs = Math.round((random() * 2 - 1) * 30_000)
      const shown = dynamicMemberCode(memberNo, secret, serverMs + skewMs)
      const parsed = parseDynamicCode(shown)
      if (
        !parsed.ok ||
        parsed.memberNo !== memberNo ||
        !isValidMemberNo(parsed.memberNo) ||
        judgeCode(secret, parsed.otp, serverMs).verdict !== 'fresh'
      ) {
        rejects.push({ skewMs, serverMs })
      }
    }
    expect(rejects).toEqual([])
  })

  it('has 0 false rejects with a clock off by up to ±15 s and up to 15 s between showing and scanning', () => {
    const random = seededRandom(99)
    let rejects = 0
    for (let i = 0; i < 1_000; i++) {
      const shownAt = Date.parse('2026-06-01T00:00:00Z') + Math.floor(random() * 86_400_000)
      const skewMs = Math.round((random() * 2 - 1) * 15_000)
      const scannedAt = shownAt + Math.floor(random() * 15_000)
      const otp = dynamicMemberCode(MEMBER_NO, SECRET, shownAt + skewMs).slice(11, 17)
      if (judgeCode(SECRET, otp, scannedAt).verdict !== 'fresh') rejects++
    }
    expect(rejects).toBe(0)
  })
})

describe('the masked code (full-screen view, until tapped)', () => {
  it('shows the first and last four digits only', () => {
    const code = dynamicMemberCode(MEMBER_NO, SECRET, Date.parse('2026-11-23T06:00:00Z'))
    expect(maskDynamicCode(code)).toBe(`${code.slice(0, 4)} **** **** ${code.slice(-4)}`)
    expect(maskDynamicCode(code).replace(/\D/g, '')).toHaveLength(8)
  })
})
