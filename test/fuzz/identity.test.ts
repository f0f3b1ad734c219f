/**
 * The forged-identity matrix: every action of every function, called by a shopper with a valid input and one
 * identity field forged — openid, _openid, OPENID, userInfo.openId, role, storeId, staffId, operatorId, memberId,
 * unionid — in the event or in the input, naming another member (the victim) or a privileged user (the manager,
 * the operator). Identity comes from the cloud context only, so:
 * - staff, manager, operator and timer actions answer FORBIDDEN and write nothing;
 * - shopper actions act on the caller alone: no other member's documents change, no staff, operator, store or
 *   rule document changes, the caller's identity stays what it was, and no answer carries the victim's data.
 * Prints the matrix size and the effects found (0).
 */
import type { FunctionName } from '../../src/api/contract'
import { startTestCloud } from '../cloud/harness'
import { answerProblems, errorCode, observe, type Observer } from './support/observe'
import { EVENT, EXPORT, IMPORT, MEMBER, OPS, SETUP, STAFF, isPrivileged, validInput, type ActionSpec } from './support/payloads'
import { CLOCK, MANAGER, OPERATOR, buildWorld, freshMobile, joinShopper, type Harness, type Shopper, type World } from './support/world'
import { createHash, createHmac } from 'node:crypto'

let h: Harness
let w: World
let observer: Observer
let attacker: Shopper
/** The attacker's phone and unionid, kept: a deletion takes them off the member document. */
let attackerIdentity: { mobile: string; unionid: string | null }
let victim: Shopper

beforeAll(async () => {
  h = await startTestCloud({ poolSize: 2, dbLatencyMs: 0, logs: true, isolated: true })
  w = await buildWorld(h, 'id')
  attacker = await joinShopper(h, 'id-attacker', freshMobile())
  const attackerDoc = h.cloud.executor.get('members', attacker.openid) as unknown as { mobile: string; unionid?: string | null }
  attackerIdentity = { mobile: attackerDoc.mobile, unionid: attackerDoc.unionid ?? null }
  victim = w.shoppers[1]
  observer = observe(h.cloud)
}, 120_000)

afterAll(async () => {
  observer?.stop()
  await h?.close()
})

const FIELDS = [
  'openid',
  '_openid',
  'OPENID',
  'userInfo.openId',
  'role',
  'storeId',
  'staffId',
  'operatorId',
  'memberId',
  'unionid',
] as const
type Field = (typeof FIELDS)[number]

/** The forged value of a field: naming the victim, or claiming a privileged identity. */
const forged = (field: Field, aim: 'victim' | 'privileged'): Record<string, unknown> => {
  const victimDoc = h.cloud.executor.get('members', victim.openid) as unknown as { unionid?: string | null }
  const value: Record<Field, [unknown, unknown]> = {
    openid: [victim.openid, OPERATOR],
    _openid: [victim.openid, MANAGER],
    OPENID: [victim.openid, OPERATOR],
    'userInfo.openId': [victim.openid, OPERATOR],
    role: ['member', 'operator'],
    storeId: ['SH001', 'SH001'],
    staffId: ['A01', 'M01'],
    operatorId: ['OP01', 'OP01'],
    memberId: [victim.openid, MANAGER],
    unionid: [victimDoc.unionid ?? `${victim.openid}-unionid`, 'operator-unionid'],
  }
  const v = value[field][aim === 'victim' ? 0 : 1]
  return field === 'userInfo.openId' ? { userInfo: { openId: v, appId: 'wx-forged' } } : { [field]: v }
}

/**
 * The caller's own documents (also once a deletion moved them under a pseudonym, which its tombstone names) and
 * the shared counters a member's actions move are left out: the rest must not change.
 */
const COUNTERS: Record<string, string[]> = {
  events: ['seatsTaken', 'waiting', 'nextWaitNo'],
  catalog: ['stock'],
  couponTemplates: ['stock'],
}
const ownMarks = () => {
  const tombstones = h.cloud.executor.collections().includes('erasedMembers')
    ? (h.cloud.executor.find('erasedMembers', { memberNo: attacker.memberNo }) as unknown as { _id: string }[])
    : []
  return [attacker.openid, attacker.memberNo, ...tombstones.map((t) => t._id), ...erasedGrantMarks()]
}
/**
 * A deletion files the caller's once-only grants under keyed hashes of the caller's own openid, unionid and phone
 * (cloudfunctions/_lib/onceGrants.ts): those documents are the caller's, computed here with the server's key.
 */
const erasedGrantMarks = () => {
  const key = h.cloud.executor.collections().includes('serverSecrets')
    ? (h.cloud.executor.get('serverSecrets', 'erasureHmac') as unknown as { key: string } | null)
    : null
  if (!key) return []
  const hash = (kind: string, value: string) => createHmac('sha256', Buffer.from(key.key, 'hex')).update(`${kind}:${value}`).digest('hex')
  return [
    hash('openid', attacker.openid),
    hash('phone', attackerIdentity.mobile),
    ...(attackerIdentity.unionid ? [hash('unionid', attackerIdentity.unionid)] : []),
  ]
}
/** The server's own secrets (the erasure key, made once on first use) belong to no one. */
const PLATFORM = new Set(['serverSecrets'])
const othersDigest = () => {
  const hash = createHash('sha256')
  const own = ownMarks()
  for (const coll of h.cloud.executor.collections().sort()) {
    if (PLATFORM.has(coll)) continue
    for (const doc of h.cloud.executor.find(coll, {}, { sort: { _id: 1 } })) {
      const text = JSON.stringify(doc)
      if (own.some((mark) => text.includes(mark))) continue
      const shared = COUNTERS[coll]
      hash.update(`${coll}:${shared ? JSON.stringify({ ...doc, ...Object.fromEntries(shared.map((k) => [k, null])) }) : text}\n`)
    }
  }
  return hash.digest('hex')
}
const identityOf = (s: Shopper) => {
  const m = h.cloud.executor.get('members', s.openid) as unknown as Record<string, unknown>
  return JSON.stringify([m._id, m.memberNo, m.name, m.mobile, m.storeId, m.assistantId, m.unionid ?? null, m.referredBy ?? null])
}

interface Finding {
  call: string
  problem: string
}
const tested = { functions: 0, actions: 0, calls: 0, effects: 0 }

/** Every forged variant of one action; returns what went wrong. */
const forgeAll = async (fn: FunctionName | 'jobs', action: string, spec: ActionSpec | null, privileged: boolean): Promise<Finding[]> => {
  const findings: Finding[] = []
  const base = spec ? validInput(spec, w, tested.actions + 1) : { input: undefined }
  const before = othersDigest()
  const attackerBefore = identityOf(attacker)
  const victimText = [
    victim.openid,
    victim.memberNo,
    (h.cloud.executor.get('members', victim.openid) as unknown as { mobile: string }).mobile,
  ]
  for (const field of FIELDS) {
    for (const aim of ['victim', 'privileged'] as const) {
      for (const where of ['event', 'input'] as const) {
        const fake = forged(field, aim)
        const input = spec && base.input && typeof base.input === 'object' ? base.input : {}
        const event =
          fn === 'jobs'
            ? { Type: 'Timer', TriggerName: 'upkeep', ...(where === 'event' ? fake : { input: fake }) }
            : { action, input: where === 'input' ? { ...input, ...fake } : input, ...(where === 'event' ? fake : {}) }
        const inv = await h.cloud.invokeDetailed(fn, event, { openid: attacker.openid, clock: base.clock ?? CLOCK })
        tested.calls++
        const label = `${fn}.${action} ${where}.${field}=${aim}`
        for (const p of answerProblems(inv.body)) findings.push({ call: label, problem: p })
        if (inv.outcome.kind !== 'ok' && inv.outcome.kind !== 'error')
          findings.push({ call: label, problem: `outcome ${inv.outcome.kind}` })
        const changed = observer.changed(inv.id)
        if (privileged) {
          if (errorCode(inv.body) !== 'FORBIDDEN')
            findings.push({ call: label, problem: `answered ${errorCode(inv.body) ?? 'ok'}, not FORBIDDEN` })
          if (changed) findings.push({ call: label, problem: 'wrote to the database' })
        }
        const answer = JSON.stringify(inv.body)
        for (const t of victimText) if (answer.includes(t)) findings.push({ call: label, problem: `the answer carries the victim's ${t}` })
      }
    }
  }
  if (othersDigest() !== before)
    findings.push({ call: `${fn}.${action}`, problem: "changed another member's, a staff, an operator's or a rule document" })
  if (action !== 'deleteMembership' && identityOf(attacker) !== attackerBefore)
    findings.push({ call: `${fn}.${action}`, problem: "changed the caller's identity" })
  tested.actions++
  tested.effects += findings.length
  return findings
}

const matrix = <F extends FunctionName>(fn: F, specs: Record<string, ActionSpec>, last: string[] = []) =>
  it(`${fn}: every action × every forged field, in the event and the input, has no effect`, async () => {
    const actions = [...Object.keys(specs).filter((a) => !last.includes(a)), ...last]
    const findings: Finding[] = []
    for (const action of actions) findings.push(...(await forgeAll(fn, action, specs[action], isPrivileged(specs[action], w))))
    tested.functions++
    expect(findings.slice(0, 10)).toEqual([])
    expect(observer.takeErrors()).toEqual([])
  }, 300_000)

describe('forged identities, as a shopper', () => {
  matrix('staff', STAFF)
  matrix('event', EVENT)
  matrix('ops', OPS)
  matrix('setup', SETUP)
  matrix('export', EXPORT)
  matrix('import', IMPORT)
  it('jobs: a timer event with forged fields from a shopper is FORBIDDEN and runs nothing', async () => {
    expect(await forgeAll('jobs', '(timer)', null, true)).toEqual([])
    tested.functions++
  })
  // The member's own actions last, ending the membership last of all.
  matrix('member', MEMBER, ['resetMemberCode', 'deleteMembership'])

  it('covers every function and action', () => {
    const actions = [STAFF, EVENT, OPS, SETUP, EXPORT, IMPORT, MEMBER].reduce((n, s) => n + Object.keys(s).length, 1)
    console.log(
      `forged-identity matrix: ${tested.actions} actions × ${FIELDS.length} fields × 2 places (event, input) × 2 aims (another member, a privileged user) = ${tested.calls} calls; ${tested.effects} effects`,
    )
    expect(tested.actions).toBe(actions)
    expect(tested.calls).toBe(actions * FIELDS.length * 4)
    expect(tested.effects).toBe(0)
  })
})
