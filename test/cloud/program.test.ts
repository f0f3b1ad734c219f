/**
 * The program rules editor through the real functions: only operators, validated, versioned with who changed
 * what and why, one save at a time, and applied from the very next purchase (going forward only).
 */
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import { earnEntryId } from '../../src/domain/ledger'
import { purchaseId } from '../../src/domain/purchase'
import type { ProgramRules } from '../../src/domain/program'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['ops'] })
}, 60_000)
afterAll(() => h?.close())

const editable = ({ version: _version, ...rules }: ProgramRules) => rules
let request = 0
const requestId = () => `prog-${Date.now()}-${++request}`

describe('who may touch the rules', () => {
  it.each(['program', 'programHistory'] as const)('refuses %s to staff and shoppers on the server', async (action) => {
    const shopper = await h.joinedShopper('rules-reader')
    for (const caller of [DEMO_ASSISTANT._id, shopper.openid]) {
      expect(await h.call(caller, 'ops', action, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })

  it('refuses a save by a shop assistant and changes nothing', async () => {
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const attempt = {
      baseVersion: rules.version,
      rules: { ...editable(rules), vip: { ...rules.vip, cumulativeFen: 100 } },
      note: '导购想改门槛',
      requestId: requestId(),
    }
    expect(await h.call(DEMO_ASSISTANT._id, 'ops', 'updateProgram', attempt)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})).rules).toEqual(rules)
  })
})

describe('validation', () => {
  it('lists every bad field and saves nothing', async () => {
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const bad = {
      ...editable(rules),
      earning: { ...rules.earning, pointsPer100YuanByTier: { member: 100, vip: 80, gold: 150.5 } },
      workbench: { ...rules.workbench, winBackDays: [180, 90] },
      segments: { ...rules.segments, rfm: { ...rules.segments.rfm, visits: [1, 2, 4] } },
    }
    const result = await h.call(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
      baseVersion: rules.version,
      rules: bad,
      note: '批量错误修改',
      requestId: requestId(),
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.fields?.map((f) => f.field).sort()).toEqual(
      [
        'rules.earning.pointsPer100YuanByTier.gold',
        'rules.earning.pointsPer100YuanByTier.vip',
        'rules.segments.rfm.visits.3',
        'rules.workbench.winBackDays',
      ].sort(),
    )
    // Rules across sections are checked once every field is well-formed.
    const goldBelowVip = { ...editable(rules), gold: { ...rules.gold, lifetimeFen: rules.vip.cumulativeFen - 1 } }
    expect(
      await h.call(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
        baseVersion: rules.version,
        rules: goldBelowVip,
        note: '金卡门槛下调',
        requestId: requestId(),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'rules.gold.lifetimeFen', message: '金卡门槛应高于VIP累计门槛' }] },
    })
    expect((await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})).rules.version).toBe(rules.version)
    expect(await h.ok(DEMO_OPERATOR._id, 'ops', 'programHistory', {})).toEqual({ versions: [] })
  })

  it('refuses a coupon template that does not exist, and a save that changes nothing', async () => {
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const unknownGift = { ...editable(rules), coupons: { ...rules.coupons, birthdayTemplateId: 'no-such-coupon' } }
    expect(
      await h.call(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
        baseVersion: rules.version,
        rules: unknownGift,
        note: '换生日券',
        requestId: requestId(),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'rules.coupons.birthdayTemplateId' }] },
    })
    expect(
      await h.call(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
        baseVersion: rules.version,
        rules: editable(rules),
        note: '原样保存',
        requestId: requestId(),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'rules' }] },
    })
  })
})

describe('a change of the VIP threshold', () => {
  it('applies from the next purchase, keeps what the old rules decided, and is recorded with who and why', async () => {
    const before = await h.joinedShopper('rules-before')
    const after = await h.joinedShopper('rules-after')
    // Under the defaults one purchase of ¥500 makes a VIP; this also warms the staff function's rule cache.
    const old = await h.ok(DEMO_ASSISTANT._id, 'staff', 'recordPurchase', {
      memberCode: await h.tillCode(before.openid),
      amountFen: 60_000,
      orderNo: 'RULES-1',
    })
    expect(old.member.tier).toBe('vip')

    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const raised = { ...editable(rules), vip: { ...rules.vip, cumulativeFen: 300_000, singlePurchaseFen: 100_000 } }
    const input = { baseVersion: rules.version, rules: raised, note: '旗舰店升级：VIP门槛提高到3000元', requestId: requestId() }
    const saved = await h.ok(DEMO_OPERATOR._id, 'ops', 'updateProgram', input)
    expect(saved).toMatchObject({
      replayed: false,
      program: { rules: { version: rules.version + 1, vip: { cumulativeFen: 300_000 } }, updatedBy: DEMO_OPERATOR.name },
    })
    expect(saved.version.changes).toEqual([
      { path: 'vip.cumulativeFen', from: 180_000, to: 300_000 },
      { path: 'vip.singlePurchaseFen', from: 50_000, to: 100_000 },
    ])

    const next = await h.ok(DEMO_ASSISTANT._id, 'staff', 'recordPurchase', {
      memberCode: await h.tillCode(after.openid),
      amountFen: 60_000,
      orderNo: 'RULES-2',
    })
    expect(next.member.tier).toBe('member')
    expect(h.cloud.executor.get('ledger', earnEntryId(purchaseId(DEMO_STORE._id, 'RULES-2')))).toMatchObject({
      programVersion: rules.version + 1,
    })
    // Going forward only: the VIP granted under the old rules stays.
    expect((await h.ok(DEMO_ASSISTANT._id, 'staff', 'scanMember', { code: before.memberNo })).member.tier).toBe('vip')

    // The same request again answers with the version it saved; an edit of the old version is refused.
    expect(await h.ok(DEMO_OPERATOR._id, 'ops', 'updateProgram', input)).toMatchObject({
      replayed: true,
      version: { version: rules.version + 1 },
    })
    const stale = { ...input, rules: { ...raised, expiry: { yearsAfterEarningYear: 2 } }, requestId: requestId() }
    expect(await h.call(DEMO_OPERATOR._id, 'ops', 'updateProgram', stale)).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } })

    const history = await h.ok(DEMO_OPERATOR._id, 'ops', 'programHistory', {})
    expect(history.versions).toHaveLength(1)
    expect(history.versions[0]).toMatchObject({
      version: rules.version + 1,
      by: DEMO_OPERATOR.name,
      note: '旗舰店升级：VIP门槛提高到3000元',
    })
  })

  it('lets two operators racing on one version save exactly one', async () => {
    const { rules } = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        h.call(DEMO_OPERATOR._id, 'ops', 'updateProgram', {
          baseVersion: rules.version,
          rules: { ...editable(rules), referral: { ...rules.referral, inviterPoints: 200 + n } },
          note: `奖励调整 ${n}`,
          requestId: requestId(),
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
      'VERSION_CONFLICT',
      'VERSION_CONFLICT',
      'VERSION_CONFLICT',
      'VERSION_CONFLICT',
    ])
    const now = await h.ok(DEMO_OPERATOR._id, 'ops', 'program', {})
    expect(now.rules.version).toBe(rules.version + 1)
    const history = await h.ok(DEMO_OPERATOR._id, 'ops', 'programHistory', {})
    expect(history.versions.map((v) => v.version)).toEqual([rules.version + 1, rules.version])
  })
})
