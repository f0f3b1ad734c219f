/**
 * The POS API's sample client and key CLI (`npm run pos -- …`, scripts/pos/index.ts) against a local cloud, as a
 * POS vendor would run them: a key made for a store, a member's purchase with lines that shows on their card, a
 * refund; and the OpenAPI document the function serves, with no key, writing nothing.
 */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DEMO_STORE } from '../../scripts/demo-data'
import { POS_OPENAPI } from '../../src/api/posOpenApi'
import { tempDir } from '../support/temp'
import { startTestCloud } from './harness'
import { snapshot } from './pos-support'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud()
}, 60_000)
afterAll(() => h?.close())

const root = join(__dirname, '../..')
const cli = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', 'tsx/cjs', 'scripts/pos/index.ts', ...args, '--url', h.cloud.url],
      {
        cwd: root,
      },
    )
    return { code: 0, stdout }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout + err.stderr }
  }
}

describe('npm run pos', () => {
  it('makes a key, records a purchase with lines that shows on the card, and refunds it', async () => {
    const made = await cli('key', '--store', DEMO_STORE._id, '--label', '收银机1')
    expect(made.code).toBe(0)
    const keyId = /key:\s+(pk_[0-9a-f]{16})/.exec(made.stdout)?.[1]
    const secret = /secret:\s+([0-9a-f]{64})/.exec(made.stdout)?.[1]
    expect(keyId && secret).toBeTruthy()

    const shopper = await h.joinedShopper('pos-cli')
    const before = (await h.ok(shopper.openid, 'member', 'getCard', {})).member.pointsBalance
    const lines = join(tempDir('pos-cli-'), 'lines.json')
    writeFileSync(lines, JSON.stringify([{ sku: 'COAT-01', name: '羊毛大衣', qty: 1, unitPriceFen: 52_000, costFen: 20_000 }]))
    const code = await h.tillCode(shopper.openid)
    const bought = await cli(
      'purchase',
      '--key',
      keyId!,
      '--secret',
      secret!,
      '--code',
      code,
      '--amount',
      '520.00',
      '--order',
      'CLI-A1',
      '--lines',
      lines,
    )
    expect(bought.code).toBe(0)
    expect(bought.stdout).toMatch(/^HTTP 200/)
    const card = (await h.ok(shopper.openid, 'member', 'getCard', {})).member
    expect(card.pointsBalance).toBeGreaterThan(before)
    expect(card.tier).toBe('vip') // ¥520 in one purchase
    expect(h.cloud.executor.get('purchases', `${DEMO_STORE._id}:CLI-A1`)).toMatchObject({ listAmountFen: 52_000, marginFen: 32_000 })

    const refunded = await cli(
      'refund',
      '--key',
      keyId!,
      '--secret',
      secret!,
      '--order',
      'CLI-A1',
      '--refund',
      'CLI-R1',
      '--amount',
      '20.00',
    )
    expect([refunded.code, refunded.stdout.split('\n')[0]]).toEqual([0, 'HTTP 200'])
    // A wrong secret: refused, exit code 1.
    const refused = await cli('purchase', '--key', keyId!, '--secret', '0'.repeat(64), '--amount', '1.00', '--order', 'CLI-A2')
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/HTTP 401/)
  })

  it('refuses amounts that are not yuan with two decimals, before sending anything', async () => {
    const r = await cli('purchase', '--key', 'pk_0000000000000000', '--secret', '0'.repeat(64), '--amount', '5.205', '--order', 'X')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/at most two decimals/)
  })
})

describe('GET /pos/v1/openapi.json', () => {
  it('serves the OpenAPI 3.1 document with no key and writes nothing', async () => {
    const before = snapshot(h)
    const res = await fetch(`${h.cloud.url}/pos/v1/openapi.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc).toEqual(JSON.parse(JSON.stringify(POS_OPENAPI)))
    expect(Object.keys(doc.paths)).toEqual(['/pos/v1/members/{code}', '/pos/v1/purchases', '/pos/v1/refunds', '/pos/v1/openapi.json'])
    expect(snapshot(h)).toEqual(before)
    expect((await fetch(`${h.cloud.url}/pos/v1/openapi.json`, { method: 'POST' })).status).toBe(405)
  })
})
