/**
 * Importing a brand's existing members through the real `import` function on the local cloud: the file uploaded to
 * storage, a dry run, then the import in slices; idempotent, resumable, refusing what it must, operators only.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_OPERATOR } from '../../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import type { JoinInput } from '../../src/api/schemas'
import type { ImportJobView } from '../../src/api/contract'
import type { LedgerEntry } from '../../src/domain/ledger'
import type { Member } from '../../src/domain/member'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness

const CLOCK = '2026-12-07T04:00:00.000Z'
const OP = DEMO_OPERATOR._id
const HEADER = '姓名,手机号,生日,等级,VIP有效期至,积分,积分到期日,累计消费,门店编号,导购工号'
const ROWS = [
  '张丽,13800138000,1990-05-17,VIP,2027-06-30,1280,2027-12-31,3560.50,SH001,A01',
  '王芳,13800138001,05-02,金卡,,0,,8000,SH001,',
  '李娜,13800138002,,会员,,50,2027-12-31,120,,',
]
let files = 0
/** A CSV uploaded as the desk would: its fileID. */
const upload = (lines: string[]) =>
  h.cloud.storage.write(`imports/test/file${++files}.csv`, Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8'))

/** The caller's loop: dry run to the end, then (unless `dryOnly`) the import to the end, `maxRows` a call. */
const importFile = async (fileID: string, options: { maxRows?: number; dryOnly?: boolean; as?: string } = {}) => {
  const as = options.as ?? OP
  const slice = options.maxRows ? { maxRows: options.maxRows } : {}
  let job: ImportJobView = await h.ok(
    as,
    'import',
    'dryRun',
    { fileID, fileName: 'members.csv', requestId: `req-${fileID.replace(/\W/g, '').slice(-16)}`, ...slice },
    { clock: CLOCK },
  )
  let calls = 1
  while (job.next === 'dryRun') {
    job = await h.ok(as, 'import', 'dryRun', { jobId: job.jobId, ...slice }, { clock: CLOCK })
    calls++
  }
  const report = job
  if (options.dryOnly) return { report, job, calls }
  do {
    job = await h.ok(as, 'import', 'run', { jobId: job.jobId, ...slice }, { clock: CLOCK })
    calls++
  } while (job.next === 'run')
  return { report, job, calls }
}

const members = () => h.cloud.executor.find('members', {}) as unknown as Member[]
const imported = () => members().filter((m) => m.unclaimed === true)
const ledgerOf = (memberId: string) => h.cloud.executor.find('ledger', { memberId }) as unknown as LedgerEntry[]

/** WeChat accounts whose verified phones are imported members'. */
const PHONES: Record<string, string> = {
  'claim-zhang': '13800138000',
  'claim-wang': '13800138001',
  'claim-wang-2nd': '13800138001',
  'claim-tap': '13800138002',
}

beforeAll(async () => {
  h = await startTestCloud({ prewarm: ['import', 'member'], phones: PHONES })
}, 60_000)
afterAll(() => h?.close())

describe('importing members from a file', () => {
  it('dry-runs first (writing no member), then imports every valid row as an unclaimed member with opening points', async () => {
    const bad = '坏行,1380013800,,钻石,,1.5,,,XX9,'
    const { report, job } = await importFile(upload([...ROWS, bad]), { dryOnly: true })
    expect(report).toMatchObject({
      phase: 'checked',
      total: 4,
      valid: 3,
      dryRun: { new: 3, unchanged: 0, changed: 0, refused: 1 },
      next: 'run',
    })
    expect(report.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['5:手机号', '5:等级', '5:积分', '5:门店编号'])
    expect(imported()).toEqual([])

    let view = job
    do view = await h.ok(OP, 'import', 'run', { jobId: view.jobId }, { clock: CLOCK })
    while (view.next === 'run')
    expect(view).toMatchObject({ phase: 'done', written: { created: 3, updated: 0, unchanged: 0, refused: 1 }, errorCount: 4 })
    const zhang = imported().find((m) => m.mobile === '13800138000')!
    expect(zhang).toMatchObject({
      name: '张丽',
      tier: 'vip',
      vipUntil: '2027-06-30T16:00:00.000Z',
      lifetimeSpendFen: 356_050,
      pointsBalance: 1280,
      storeId: 'SH001',
      assistantId: 'A01',
    })
    expect(zhang._id).toMatch(/^u[0-9a-f]{40}$/)
    // The lifetime spend the books open with: what the fuzz invariants and a refund's replay start from.
    expect(zhang.openingTier).toMatchObject({ tier: 'vip', lifetimeSpendFen: 356_050 })
    expect(zhang.memberNo).toMatch(/^\d{11}$/)
    // The books add up: the balance is the sum of the member's entries.
    for (const m of imported()) expect(ledgerOf(m._id).reduce((s, e) => s + e.points, 0)).toBe(m.pointsBalance)
  })

  it('creates nothing when the same file comes again, and updates only the changed row', async () => {
    const before = new Map(imported().map((m) => [m.mobile, m]))
    const again = await importFile(upload(ROWS))
    expect(again.report.dryRun).toEqual({ new: 0, unchanged: 3, changed: 0, refused: 0 })
    expect(again.job.written).toEqual({ created: 0, updated: 0, unchanged: 3, refused: 0 })
    expect(imported().length).toBe(3)

    const changed = await importFile(upload([ROWS[0].replace(',1280,', ',300,'), ROWS[1], ROWS[2]]))
    expect(changed.report.dryRun).toMatchObject({ changed: 1, unchanged: 2 })
    expect(changed.job.written).toMatchObject({ updated: 1, unchanged: 2, created: 0 })
    const zhang = imported().find((m) => m.mobile === '13800138000')!
    expect(zhang).toMatchObject({ pointsBalance: 300, memberNo: before.get('13800138000')!.memberNo, _id: before.get('13800138000')!._id })
    expect(ledgerOf(zhang._id).reduce((s, e) => s + e.points, 0)).toBe(300)
  })

  it('refuses a phone that is already a member’s, in the dry run and in the import', async () => {
    const shopper = await h.joinedShopper('import-taken')
    const phone = (h.cloud.executor.get('members', shopper.openid) as unknown as Member).mobile
    const { report, job } = await importFile(upload([`已是会员,${phone},,,,,,,,`]))
    expect(report.dryRun).toEqual({ new: 0, unchanged: 0, changed: 0, refused: 1 })
    expect(job.written.refused).toBe(1)
    expect(job.errors).toEqual([{ line: 2, column: '手机号', message: '该手机号已是会员，未导入' }])
    expect(members().filter((m) => m.mobile === phone)).toHaveLength(1)
  })

  it('resumes where a stopped import left off: slices of 2 rows, one call lost, every row written once', async () => {
    const lines = Array.from({ length: 9 }, (_, i) => `顾客${i},1390000${String(i).padStart(4, '0')},,,,${i * 10},2027-12-31,,,`)
    const fileID = upload(lines)
    let job: ImportJobView = await h.ok(
      OP,
      'import',
      'dryRun',
      { fileID, fileName: 'big.csv', requestId: 'resume-0001', maxRows: 4 },
      { clock: CLOCK },
    )
    expect(job).toMatchObject({ phase: 'checking', done: 4, next: 'dryRun' })
    // A retried start with the same request id finds the same job.
    expect((await h.ok(OP, 'import', 'dryRun', { fileID, requestId: 'resume-0001', maxRows: 1 }, { clock: CLOCK })).jobId).toBe(job.jobId)
    while (job.next === 'dryRun') job = await h.ok(OP, 'import', 'dryRun', { jobId: job.jobId, maxRows: 4 }, { clock: CLOCK })
    job = await h.ok(OP, 'import', 'run', { jobId: job.jobId, maxRows: 2 }, { clock: CLOCK })
    expect(job).toMatchObject({ phase: 'running', done: 2, written: { created: 2 } })
    // The function died after writing the next slice but before moving the job on: the same slice runs again.
    const stuck = h.cloud.executor.get('importJobs', job.jobId)!
    await h.ok(OP, 'import', 'run', { jobId: job.jobId, maxRows: 2 }, { clock: CLOCK })
    h.cloud.executor.remove('importJobs', { _id: job.jobId })
    h.cloud.executor.insert('importJobs', stuck)
    do job = await h.ok(OP, 'import', 'run', { jobId: job.jobId, maxRows: 2 }, { clock: CLOCK })
    while (job.next === 'run')
    expect(job).toMatchObject({ phase: 'done', done: 9 })
    expect(job.written.created + job.written.unchanged).toBe(9)
    const mine = members().filter((m) => m.mobile.startsWith('1390000'))
    expect(mine).toHaveLength(9)
    for (const m of mine) expect(ledgerOf(m._id).reduce((s, e) => s + e.points, 0)).toBe(m.pointsBalance)
    expect(h.cloud.executor.count('ledger', { memberId: { $in: mine.map((m) => m._id) } })).toBe(8)
  })

  it('is for operators holding the members area only, and only on their own jobs', async () => {
    const fileID = upload(ROWS)
    const shopper = await h.joinedShopper('import-shopper')
    for (const who of [shopper.openid, 'demo-assistant-1', 'demo-manager-1']) {
      const r = await h.call(who, 'import', 'dryRun', { fileID, requestId: 'roles-0001' }, { clock: CLOCK })
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    h.cloud.executor.insert('operators', [
      { _id: 'op-reports', operatorId: 'OP05', name: '报表', active: true, areas: ['reports'] },
      { _id: 'op-members', operatorId: 'OP06', name: '会员', active: true, areas: ['members'] },
    ])
    expect(await h.call('op-reports', 'import', 'dryRun', { fileID, requestId: 'roles-0002' }, { clock: CLOCK })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const job = await h.ok('op-members', 'import', 'dryRun', { fileID, requestId: 'roles-0003' }, { clock: CLOCK })
    expect(await h.call(OP, 'import', 'run', { jobId: job.jobId }, { clock: CLOCK })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  it('refuses hostile input with a typed error and writes nothing', async () => {
    const jobs = h.cloud.executor.count('importJobs', {})
    const count = h.cloud.executor.count('members', {})
    const secret = h.cloud.storage.write('exports/members.csv', Buffer.from(`${HEADER}\r\n${ROWS[0]}`))
    const bad = [
      { fileID: secret, requestId: 'hostile-001' },
      { fileID: 'cloud://local.x/imports/../exports/members.csv', requestId: 'hostile-002' },
      { fileID: h.cloud.storage.fileIdOf('imports/missing.csv'), requestId: 'hostile-003' },
      { fileID: upload([]).replace(/\.csv$/, '.exe'), requestId: 'hostile-004' },
      { jobId: 'imp-000000000000000000000000' },
      { jobId: { $ne: null } },
      { fileID: upload(ROWS), requestId: 'hostile-005', maxRows: 0 },
    ]
    for (const input of bad) {
      const r = await h.call(OP, 'import', 'dryRun', input, { clock: CLOCK })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    const missingColumn = h.cloud.storage.write('imports/test/nophone.csv', Buffer.from('姓名,电话\r\n张三,13800000000'))
    const r = await h.call(OP, 'import', 'dryRun', { fileID: missingColumn, requestId: 'hostile-006' }, { clock: CLOCK })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('手机号') } })
    expect(h.cloud.executor.count('importJobs', {})).toBe(jobs)
    expect(h.cloud.executor.count('members', {})).toBe(count)
  })
})

describe('claiming an imported member with the verified phone', () => {
  const JOIN_CLOCK = '2026-12-08T02:00:00.000Z'
  const join = (openid: string, overrides: Partial<JoinInput>) =>
    h.call(
      openid,
      'member',
      'join',
      { name: '', birthday: { month: 5, day: 17 }, consent: { accepted: true, version: PRIVACY_NOTICE_VERSION }, ...overrides },
      { clock: JOIN_CLOCK },
    )
  const recordOf = (mobile: string) => imported().find((m) => m.mobile === mobile)

  it('shows the imported tier, VIP date, points, store and assistant on the card; the points moved by a transfer', async () => {
    const record = recordOf('13800138000')!
    const joined = await join('claim-zhang', { phoneCode: h.cloud.phoneCode('claim-zhang', { clock: JOIN_CLOCK }) })
    expect(joined).toMatchObject({ ok: true, data: { created: true } })
    const card = await h.ok('claim-zhang', 'member', 'getCard', {}, { clock: JOIN_CLOCK })
    expect(card.member).toMatchObject({ memberNo: record.memberNo, name: '张丽', tier: 'vip', pointsBalance: record.pointsBalance })
    const member = h.cloud.executor.get('members', 'claim-zhang') as unknown as Member
    expect(member).toMatchObject({
      vipUntil: record.vipUntil,
      lifetimeSpendFen: record.lifetimeSpendFen,
      storeId: 'SH001',
      assistantId: 'A01',
      mobileVerified: true,
    })
    expect(member.mobileClaim).toBeUndefined()
    // The record left the members (no double count) and is a claim note; both books add up.
    expect(h.cloud.executor.get('members', record._id)).toBeNull()
    expect(h.cloud.executor.get('memberImports', record._id)).toMatchObject({ memberNo: record.memberNo, claimedAt: JOIN_CLOCK })
    expect(ledgerOf(record._id).reduce((s, e) => s + e.points, 0)).toBe(0)
    expect(
      ledgerOf('claim-zhang')
        .filter((e) => e.source.type === 'claim')
        .reduce((s, e) => s + e.points, 0),
    ).toBe(record.pointsBalance)
  })

  it('never lets a typed number claim it: the joiner is a new member holding the number unconfirmed', async () => {
    const record = recordOf('13800138001')!
    const typed = await join('claim-typed', { mobile: '13800138001' })
    expect(typed).toMatchObject({ ok: true, data: { created: true, member: { tier: 'member', pointsBalance: 0 } } })
    const member = h.cloud.executor.get('members', 'claim-typed') as unknown as Member
    expect(member.memberNo).not.toBe(record.memberNo)
    expect(member.mobileClaim).toBe(member.memberNo)
    expect(recordOf('13800138001')).toMatchObject({ _id: record._id, unclaimed: true })
  })

  it('is claimed once: a double tap answers the same member, a second account with the same phone gets a new one', async () => {
    const record = recordOf('13800138002')!
    const code = h.cloud.phoneCode('claim-tap', { clock: JOIN_CLOCK })
    const [a, b] = await Promise.all([join('claim-tap', { phoneCode: code }), join('claim-tap', { phoneCode: code })])
    const answers = [a, b].filter((r) => r.ok)
    expect(answers.length).toBeGreaterThanOrEqual(1)
    for (const r of answers) expect(r).toMatchObject({ data: { member: { memberNo: record.memberNo } } })
    expect(ledgerOf('claim-tap').filter((e) => e.source.type === 'claim')).toHaveLength(1)

    await join('claim-wang', { phoneCode: h.cloud.phoneCode('claim-wang', { clock: JOIN_CLOCK }) })
    const wangNo = (h.cloud.executor.get('members', 'claim-wang') as unknown as Member).memberNo
    const second = await join('claim-wang-2nd', { phoneCode: h.cloud.phoneCode('claim-wang-2nd', { clock: JOIN_CLOCK }) })
    expect(second).toMatchObject({ ok: true, data: { created: true, member: { tier: 'member', pointsBalance: 0 } } })
    expect((h.cloud.executor.get('members', 'claim-wang-2nd') as unknown as Member).memberNo).not.toBe(wangNo)
  })

  it('leaves a claimed record untouched by a later import of the same row', async () => {
    const before = h.cloud.executor.get('members', 'claim-zhang')
    const { report, job } = await importFile(upload([ROWS[0].replace('张丽', '张丽改')]))
    expect(report.dryRun).toEqual({ new: 0, unchanged: 0, changed: 0, refused: 1 })
    expect(job.written.refused).toBe(1)
    expect(h.cloud.executor.get('members', 'claim-zhang')).toEqual(before)
    expect(imported().find((m) => m.mobile === '13800138000')).toBeUndefined()
  })
})

describe('unclaimed members elsewhere', () => {
  // Born in January, points expiring at the end of 2026: the upkeep of 1 January 2027 meets both.
  const ROW = '导入顾客,13955550000,1980-01-09,VIP,2027-06-30,500,2026-12-31,2000,SH001,A01'
  const NEW_YEAR = '2027-01-01T00:05:00+08:00'

  it('shows on the assistant’s workbench marked, counts in segments, gets no birthday coupon, and its points expire', async () => {
    await importFile(upload([ROW]))
    const record = imported().find((m) => m.mobile === '13955550000')!
    const list = await h.ok('demo-assistant-1', 'staff', 'customers', { search: '导入顾客' }, { clock: CLOCK })
    expect(list.customers).toEqual([expect.objectContaining({ memberNo: record.memberNo, unclaimed: true, mobileMasked: '139****0000' })])
    const table = await h.ok(OP, 'ops', 'members', { filter: { search: '导入顾客' } }, { clock: CLOCK })
    expect(table.rows.map((r) => [r.memberNo, r.unclaimed])).toEqual([[record.memberNo, true]])

    const clock = new Date(NEW_YEAR).toISOString()
    for (let i = 0; i < 3; i++) expect((await h.cloud.fireTimer('jobs', 'upkeep', { clock })).body).toMatchObject({ ok: true })
    expect(h.cloud.executor.count('coupons', { memberId: record._id })).toBe(0)
    expect(h.cloud.executor.get('segments', record._id)).not.toBeNull()
    const after = h.cloud.executor.get('members', record._id) as unknown as Member
    expect(after.pointsBalance).toBe(0)
    expect(ledgerOf(record._id).map((e) => e.kind)).toEqual(expect.arrayContaining(['adjust', 'expire']))
    expect(ledgerOf(record._id).reduce((s, e) => s + e.points, 0)).toBe(0)
  })
})

describe('npm run import', () => {
  it('uploads a file, prints the dry run, then imports it against the running local cloud', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'))
    const file = join(dir, '会员.csv')
    writeFileSync(file, [HEADER, '命令行甲,13977770001,,,,20,2027-12-31,,,', '命令行乙,1397777000,,,,,,,,'].join('\r\n'))
    const run = (...extra: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--require', 'tsx/cjs', 'scripts/import/index.ts', 'members', file, '--url', h.cloud.url, ...extra],
          {
            cwd: join(__dirname, '../..'),
          },
        )
        let out = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.stderr.on('data', (d: Buffer) => (out += d.toString()))
        child.on('close', (code) => resolve({ code, out }))
      })
    const dry = await run('--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('预检查：新建 1，已导入未变 0，有变更 0，拒绝 1')
    expect(dry.out).toContain('第 3 行 手机号：手机号应为 11 位中国大陆手机号')
    expect(imported().some((m) => m.mobile === '13977770001')).toBe(false)
    const real = await run()
    expect(real.code).toBe(0)
    expect(real.out).toMatch(/导入完成（[\d.]+ 秒）：新建 1，更新 0，未变 0，拒绝 1/)
    expect(imported().find((m) => m.mobile === '13977770001')).toMatchObject({ name: '命令行甲', pointsBalance: 20 })
    rmSync(dir, { recursive: true, force: true })
  }, 60_000)
})
