/**
 * The brand owner's first sign-in on a fresh environment (no operator at all): the desk asks, the owner scans with
 * the mini-program and types the claim code deploy printed; they become the first operator with every power and the
 * desk signs in. A wrong code, a second claimant, a claim once an operator exists, or a claim from a desk session
 * gets nothing and changes nothing.
 */
import { ownerClaimCode } from '../../cloudfunctions/_lib/customLogin'
import { localCustomLoginKey } from '../../scripts/local-cloud'
import type { WebUser } from '../../localcloud'
import type { CloudResult, DeskLoginRequest } from '../../src/api/contract'
import { OPERATOR_AREAS } from '../../src/domain/operators'
import { formatClaimCode } from '../../src/domain/ownerClaim'
import { at } from '../support/clock'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
const now = at('2026-12-07T10:00:00')
const CODE = ownerClaimCode(localCustomLoginKey())

beforeAll(async () => {
  h = await startTestCloud({ demo: false })
}, 180_000)
afterAll(() => h?.close())

const browser = (uuid: string): WebUser => ({ uuid, customUserId: null, anonymous: true })

const requestFrom = async (uuid: string) => {
  const r = (await h.cloud.invoke(
    'desk',
    { action: 'requestLogin', input: { browser: 'Edge 131 · Windows' } },
    { web: browser(uuid), clock: now },
  )) as CloudResult<DeskLoginRequest>
  if (!r.ok) throw new Error(r.error.message)
  return r.data.requestId
}

const stored = () =>
  JSON.stringify(['operators', 'deskLogins', 'deskSessions'].map((c) => h.cloud.executor.find(c, {}, { sort: { _id: 1 } })))

const refusal = (r: CloudResult<unknown>) => (r.ok ? 'ok' : { code: r.error.code, fields: r.error.fields?.map((f) => f.field) ?? [] })

describe("the brand owner's first sign-in", () => {
  it('is derived from the environment key: ten characters of the invitation alphabet, the same every time', () => {
    expect(CODE).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/)
    expect(ownerClaimCode(localCustomLoginKey())).toBe(CODE)
    expect(ownerClaimCode({ ...localCustomLoginKey(), env_id: 'another-env' })).not.toBe(CODE)
  })

  it('refuses a wrong or malformed code, a claim from a desk session, and changes nothing', async () => {
    const requestId = await requestFrom('owner-browser-0')
    expect((await h.call('owner-wechat', 'desk', 'describeLogin', { requestId }, { clock: now })).ok).toBe(false)
    const before = stored()
    const wrong = CODE.startsWith('A') ? `B${CODE.slice(1)}` : `A${CODE.slice(1)}`
    const claim = (code: unknown, name: unknown = '陈总') =>
      h.call('owner-wechat', 'desk', 'claimOwnership', { requestId, name, code }, { clock: now })
    expect(refusal(await claim(wrong))).toEqual({ code: 'INVALID_INPUT', fields: ['code'] })
    expect(refusal(await claim('ABC'))).toEqual({ code: 'INVALID_INPUT', fields: ['code'] })
    expect(refusal(await claim({ $ne: null }))).toEqual({ code: 'INVALID_INPUT', fields: ['code'] })
    expect(refusal(await claim(CODE, '陈\u200b总'))).toEqual({ code: 'INVALID_INPUT', fields: ['name'] })
    const fromDesk = await h.cloud.invoke(
      'desk',
      { action: 'claimOwnership', input: { requestId, name: '陈总', code: CODE } },
      { web: { uuid: 'u-x', customUserId: 'desk-0123456789abcdef01234567', anonymous: false }, clock: now },
    )
    expect(refusal(fromDesk as CloudResult<unknown>)).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|SESSION_ENDED/) })
    expect(stored()).toBe(before)
  })

  it('makes the first claimant the owner with every power and signs the desk in; a racing second claimant gets nothing', async () => {
    const [mine, theirs] = [await requestFrom('owner-browser-1'), await requestFrom('other-browser-1')]
    const seen = await h.ok('owner-wechat', 'desk', 'ownerClaim', { requestId: mine }, { clock: now })
    expect(seen).toMatchObject({ claimable: true, login: { browser: 'Edge 131 · Windows', status: 'pending' } })

    // Typed as people type it: lower case, the printed hyphen, spaces.
    const typed = ` ${formatClaimCode(CODE).toLowerCase()} `
    const [a, b] = await Promise.all([
      h.call('owner-wechat', 'desk', 'claimOwnership', { requestId: mine, name: '陈总', code: typed }, { clock: now }),
      h.call('rival-wechat', 'desk', 'claimOwnership', { requestId: theirs, name: '冒名', code: CODE }, { clock: now }),
    ])
    const winners = [a, b].filter((r) => r.ok)
    expect(winners).toHaveLength(1)
    expect([a, b].filter((r) => !r.ok).map(refusal)).toEqual([{ code: 'FORBIDDEN', fields: [] }])

    const operators = h.cloud.executor.find('operators', {}) as unknown as { _id: string; operatorId: string; areas?: unknown }[]
    expect(operators).toHaveLength(1)
    const [owner] = operators
    expect(owner.operatorId).toBe('OP01')
    expect(owner.areas).toBeUndefined()
    const ownerRequest = owner._id === 'owner-wechat' ? mine : theirs
    const ownerBrowser = owner._id === 'owner-wechat' ? 'owner-browser-1' : 'other-browser-1'

    // The desk that asked collects its ticket; the owner holds every area on the phone.
    const polled = (await h.cloud.invoke(
      'desk',
      { action: 'pollLogin', input: { requestId: ownerRequest } },
      { web: browser(ownerBrowser), clock: now },
    )) as CloudResult<{ status: string }>
    expect(polled).toMatchObject({ ok: true, data: { status: 'approved' } })
    expect((await h.ok(owner._id, 'ops', 'whoami', {}, { clock: now })).areas.sort()).toEqual([...OPERATOR_AREAS].sort())
  })

  it('once the brand has an operator, nobody may claim it again, with the right code or not', async () => {
    const requestId = await requestFrom('late-browser')
    expect(await h.ok('late-wechat', 'desk', 'ownerClaim', { requestId }, { clock: now })).toEqual({ claimable: false })
    const before = stored()
    const late = await h.call('late-wechat', 'desk', 'claimOwnership', { requestId, name: '后来者', code: CODE }, { clock: now })
    expect(refusal(late)).toEqual({ code: 'FORBIDDEN', fields: [] })
    expect(stored()).toBe(before)
  })
})
