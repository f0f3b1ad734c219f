/**
 * The POS API's pure rules (src/domain/pos.ts): the signature a POS computes, the time window, the lines against
 * the amount and the margin; the YAML writer behind docs/pos-api.yaml, and that file being up to date.
 */
import { createHash, createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { OPENAPI_YAML, run, yuanToFen } from '../../scripts/pos/index'
import { toYaml } from '../../scripts/pos/yaml'
import { POS_OPENAPI } from '../../src/api/posOpenApi'
import { judgePosRequest, linesMarginFen, linesProblem, posSignature, readPosHeaders } from '../../src/domain/pos'

const secret = 'a'.repeat(64)
const request = { method: 'POST', path: '/pos/v1/purchases', timestamp: '1764554400', nonce: 'nonce-0001', body: '{"orderNo":"A1"}' }

describe('the request signature', () => {
  it('is lowercase hex HMAC-SHA256 over METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nsha256hex(body), as any HMAC library computes it', () => {
    const bodyHash = createHash('sha256').update(request.body).digest('hex')
    const expected = createHmac('sha256', secret).update(`POST\n/pos/v1/purchases\n1764554400\nnonce-0001\n${bodyHash}`).digest('hex')
    expect(posSignature(secret, request)).toBe(expected)
  })

  const headers = (over: Record<string, string> = {}) =>
    readPosHeaders({
      'x-pos-key': 'pk_0123456789abcdef',
      'x-pos-timestamp': request.timestamp,
      'x-pos-nonce': request.nonce,
      'x-pos-signature': posSignature(secret, request),
      ...over,
    })!

  it('is judged: good; off by 301 s; another body; another path; a revoked or unknown key', () => {
    const at = Number(request.timestamp) * 1000
    const key = { secret, revoked: false }
    expect(judgePosRequest(headers(), key, request, at)).toBeNull()
    expect(judgePosRequest(headers(), key, request, at + 300_000)).toBeNull()
    expect(judgePosRequest(headers(), key, request, at + 301_000)).toBe('STALE')
    expect(judgePosRequest(headers(), key, { ...request, body: '{"orderNo":"A2"}' }, at)).toBe('SIGNATURE')
    expect(judgePosRequest(headers(), key, { ...request, path: '/pos/v1/refunds' }, at)).toBe('SIGNATURE')
    expect(judgePosRequest(headers(), { secret, revoked: true }, request, at)).toBe('REVOKED')
    expect(judgePosRequest(headers(), null, request, at)).toBe('UNKNOWN_KEY')
  })

  it('needs all four headers, well formed (an upper-case signature is not ours)', () => {
    expect(readPosHeaders({})).toBeNull()
    expect(headers({ 'x-pos-signature': posSignature(secret, request).toUpperCase() })).toBeNull()
    expect(headers({ 'x-pos-nonce': 'short' })).toBeNull()
    expect(headers({ 'x-pos-timestamp': '17645544.5' })).toBeNull()
  })
})

describe('lines', () => {
  const lines = [
    { sku: 'A', name: '大衣', qty: 1, unitPriceFen: 50_000, costFen: 20_000 },
    { sku: 'B', name: '围巾', qty: 2, unitPriceFen: 6_000, costFen: 2_000 },
  ]
  it('may add up to more than the amount (an order discount), never less', () => {
    expect(linesProblem(lines, 62_000)).toBeNull()
    expect(linesProblem(lines, 60_000)).toBeNull()
    expect(linesProblem(lines, 62_001)).toMatch(/少于订单金额/)
  })
  it('give the margin when every line has its cost, else none', () => {
    expect(linesMarginFen(lines, 60_000)).toBe(36_000)
    expect(linesMarginFen([lines[0], { ...lines[1], costFen: undefined }], 60_000)).toBe(0)
    expect(linesMarginFen([{ ...lines[0], costFen: 70_000 }], 50_000)).toBe(0)
  })
})

describe('the sample client', () => {
  it('reads yuan with at most two decimals', () => {
    expect([yuanToFen('520.00'), yuanToFen('520'), yuanToFen('0.5'), yuanToFen('12.34')]).toEqual([52_000, 52_000, 50, 1_234])
    for (const bad of ['5.205', '-1', '1e3', '']) expect(() => yuanToFen(bad)).toThrow()
  })
})

describe('docs/pos-api.yaml', () => {
  it('is the document the function serves, written out (npm run pos -- openapi)', async () => {
    expect(readFileSync(OPENAPI_YAML, 'utf8')).toBe(toYaml(POS_OPENAPI))
    expect(await run(['openapi', '--check'])).toBe(0)
  })

  it('writes YAML that reads back as itself: quoting what would read otherwise, literal blocks for text', () => {
    const text = toYaml({ a: '3.1.0', b: 'yes', c: 'plain words', d: 'x: y', e: 'two\nlines', f: [], g: [{ h: 1, i: null }], '200': true })
    expect(text).toBe(
      // Integer-like keys come first in a JavaScript object, so first in the file.
      [
        '"200": true',
        'a: "3.1.0"',
        'b: "yes"',
        'c: plain words',
        'd: "x: y"',
        'e: |-',
        '  two',
        '  lines',
        'f: []',
        'g:',
        '  - h: 1',
        '    i: null',
        '',
      ].join('\n'),
    )
  })
})
