/**
 * Operators' CSV exports through the real `export` function on the local cloud: 2,500 seeded members (more than
 * one 1,000-document page) and a ledger around a date range. The files are parsed back with csv-parse and
 * downloaded through their temporary links.
 */
import { parse } from 'csv-parse/sync'
import { DEMO_ASSISTANT, DEMO_OPERATOR, DEMO_STORE } from '../../scripts/demo-data'
import type { ExportResult } from '../../src/api/contract'
import type { LedgerEntry } from '../../src/domain/ledger'
import { type Member, newMember } from '../../src/domain/member'
import { startTestCloud } from './harness'
import { at } from '../support/clock'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness

const NOW = at('2026-11-20T10:30:00')
const MEMBERS = 2500

const PII_OPERATOR = { _id: 'operator-pii', operatorId: 'OP02', name: '林悦', active: true, permissions: ['exportPII'] }
const RETIRED_OPERATOR = { _id: 'operator-retired', operatorId: 'OP09', name: '张伟', active: false, permissions: ['exportPII'] }

/** Names a spreadsheet would run as formulas, and names that need RFC 4180 quoting. */
const TRICKY_NAMES = [
  '=HYPERLINK("http://evil.example","点我")',
  '+86 张三',
  '-2+3',
  '@SUM(A1:A9)',
  '王,丽',
  '李"小"娜',
  '赵\n敏',
  '\t=1+1',
]

const memberNo = (i: number) => `2026${String(i).padStart(7, '0')}`
const mobile = (i: number) => `138${String(i).padStart(8, '0')}`

const seedMember = (i: number): Member => {
  const m = newMember(
    {
      openid: `export-member-${String(i).padStart(5, '0')}`,
      memberNo: memberNo(i),
      name: i < TRICKY_NAMES.length ? TRICKY_NAMES[i] : `会员${i}`,
      mobile: mobile(i),
      birthday: { month: (i % 12) + 1, day: (i % 28) + 1 },
      storeId: i % 2 === 0 ? DEMO_STORE._id : null,
      assistantId: i % 2 === 0 ? DEMO_ASSISTANT.staffId : null,
      consentVersion: '2026-11-01',
      referralCode: `R${String(i).padStart(6, '0')}`,
    },
    at('2026-03-15T09:05:00'),
  )
  const vip = i % 10 === 1
  return {
    ...m,
    tier: vip ? 'vip' : i % 10 === 2 ? 'gold' : 'member',
    vipUntil: vip ? at('2027-03-16T00:00:00') : null,
    vipYearEnd: vip ? at('2027-03-16T00:00:00') : null,
    pointsBalance: i,
    lifetimeSpendFen: i * 1001 + 5,
  }
}

const ledgerEntry = (id: string, memberIdx: number, when: string, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  _id: id,
  memberId: `export-member-${String(memberIdx).padStart(5, '0')}`,
  kind: 'earn',
  points: 100,
  balanceAfter: 100,
  reason: '消费积分',
  actor: { type: 'staff', id: DEMO_ASSISTANT.staffId, storeId: DEMO_STORE._id },
  source: { type: 'purchase', id: `p-${id}`, orderNo: `SO-${id}`, storeId: DEMO_STORE._id },
  at: when,
  programVersion: 1,
  ...over,
})

beforeAll(async () => {
  h = await startTestCloud()
  h.cloud.executor.insert('operators', [PII_OPERATOR, RETIRED_OPERATOR])
  h.cloud.executor.bulkInsert('members', [Array.from({ length: MEMBERS }, (_, i) => seedMember(i))])

  // November 2026 in business time, with neighbours just outside on both sides, and one busy day of 1,200
  // entries (more than a page within a day).
  const entries: LedgerEntry[] = [
    ledgerEntry('before-range', 3, at('2026-10-31T23:59:59.999')),
    ledgerEntry('first-instant', 4, at('2026-11-01T00:00:00')),
    ledgerEntry('adjust-injection', 5, at('2026-11-02T12:00:00'), {
      kind: 'adjust',
      points: -20,
      balanceAfter: 80,
      reason: '=cmd|"/c calc"!A1',
      actor: { type: 'operator', id: DEMO_OPERATOR.operatorId },
      source: { type: 'adjustment', id: 'adj-1' },
    }),
    ...Array.from({ length: 1200 }, (_, k) =>
      ledgerEntry(
        `busy-${String(k).padStart(4, '0')}`,
        k % MEMBERS,
        at(`2026-11-15T${String(10 + Math.floor(k / 200)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00`),
      ),
    ),
    ledgerEntry('last-instant', 6, at('2026-11-30T23:59:59.999')),
    ledgerEntry('after-range', 7, at('2026-12-01T00:00:00')),
    ledgerEntry('gone-member', 999_999, at('2026-11-03T08:00:00')),
  ]
  // Far outside the range: the export must not read these.
  for (let k = 0; k < 3000; k++)
    entries.push(ledgerEntry(`old-${String(k).padStart(4, '0')}`, k % MEMBERS, at(`2025-0${1 + (k % 9)}-10T10:00:00`)))
  h.cloud.executor.bulkInsert('ledger', [entries])
}, 120_000)
afterAll(() => h?.close())

const exportMembers = (openid: string) => h.call(openid, 'export', 'members', {}, { clock: NOW })

/** Downloads the link and parses the CSV back (csv-parse, BOM aware). */
const download = async (result: ExportResult) => {
  const res = await fetch(result.url)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/)
  const bytes = Buffer.from(await res.arrayBuffer())
  const records: string[][] = parse(bytes, { bom: true })
  return { bytes, header: records[0], rows: records.slice(1) }
}

describe('who may export', () => {
  it('refuses shop assistants, shoppers, anonymous callers and retired operators on the server', async () => {
    for (const openid of [DEMO_ASSISTANT._id, 'some-shopper', '', RETIRED_OPERATOR._id]) {
      for (const r of [await exportMembers(openid), await h.call(openid, 'export', 'ledger', { from: '2026-11-01', to: '2026-11-30' })]) {
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    expect(h.cloud.executor.count('exports')).toBe(0)
    expect(h.cloud.storage.list('exports/')).toEqual([])
  })
})

describe('members', () => {
  let masked: ExportResult
  let full: ExportResult
  beforeAll(async () => {
    masked = await h.ok(DEMO_OPERATOR._id, 'export', 'members', {}, { clock: NOW })
    full = await h.ok(PII_OPERATOR._id, 'export', 'members', {}, { clock: NOW })
  }, 60_000)

  it('writes every member, across pages, each once', async () => {
    expect(masked.rows).toBe(MEMBERS)
    const { header, rows } = await download(masked)
    expect(header).toEqual([
      '会员号',
      '姓名',
      '手机号',
      '等级',
      'VIP有效期至',
      '积分',
      '累计消费(元)',
      '门店',
      '导购',
      '入会时间',
      '生日月',
      '生日日',
    ])
    expect(rows).toHaveLength(MEMBERS)
    expect(new Set(rows.map((r) => r[0])).size).toBe(MEMBERS)
    expect(rows.every((r) => r.length === header.length)).toBe(true)
  })

  it('masks phone numbers for an operator without exportPII, and shows them to one with it', async () => {
    expect(masked.pii).toBe(false)
    expect(full.pii).toBe(true)
    const maskedRows = (await download(masked)).rows
    const fullRows = (await download(full)).rows
    const maskedPhones = new Map(maskedRows.map((r) => [r[0], r[2]]))
    const fullPhones = new Map(fullRows.map((r) => [r[0], r[2]]))
    expect(maskedPhones.get(memberNo(1234))).toBe('138****1234')
    expect(fullPhones.get(memberNo(1234))).toBe('13800001234')
    expect([...maskedPhones.values()].every((p) => /^1\d{2}\*{4}\d{4}$/.test(p))).toBe(true)
    expect([...fullPhones.values()].every((p) => /^1[3-9]\d{9}$/.test(p))).toBe(true)
  })

  it("says each member in an operator's words: tier, VIP until, points, spend in yuan, store, assistant, times in Shanghai", async () => {
    const rows = new Map((await download(full)).rows.map((r) => [r[0], r]))
    // #11: VIP until 16 March 2027 (exclusive), store member with the demo assistant.
    expect(rows.get(memberNo(11))!.slice(1)).toEqual([
      '会员11',
      '13800000011',
      'VIP会员',
      '2027-03-15',
      '11',
      '110.16',
      '',
      '',
      '2026-03-15 09:05',
      '12',
      '12',
    ])
    expect(rows.get(memberNo(12))!.slice(3)).toEqual([
      '金卡会员',
      '',
      '12',
      '120.17',
      DEMO_STORE.name,
      `${DEMO_ASSISTANT.name}（${DEMO_ASSISTANT.staffId}）`,
      '2026-03-15 09:05',
      '1',
      '13',
    ])
    expect(rows.get(memberNo(20))!.slice(3, 7)).toEqual(['普通会员', '', '20', '200.25'])
  })

  it('defends every text cell a spreadsheet would run as a formula, and quotes what RFC 4180 says to', async () => {
    const { bytes, rows } = await download(masked)
    const names = new Map(rows.map((r) => [r[0], r[1]]))
    expect(names.get(memberNo(0))).toBe(`'${TRICKY_NAMES[0]}`)
    expect(names.get(memberNo(1))).toBe("'+86 张三")
    expect(names.get(memberNo(2))).toBe("'-2+3")
    expect(names.get(memberNo(3))).toBe("'@SUM(A1:A9)")
    expect(names.get(memberNo(4))).toBe('王,丽')
    expect(names.get(memberNo(5))).toBe('李"小"娜')
    expect(names.get(memberNo(6))).toBe('赵\n敏')
    expect(names.get(memberNo(7))).toBe("'\t=1+1")
    const text = bytes.toString('utf8')
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""点我"")"')
    expect(text).toContain('"王,丽"')
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r[1]))).toBe(true)
  })

  it('starts with a UTF-8 byte order mark and ends lines with CRLF', async () => {
    const { bytes } = await download(masked)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.slice(1, 80)).toMatch(/^会员号,姓名,手机号,[^\n]*,生日日\r\n/)
    // Every record ends in CRLF; the one bare LF is inside the quoted name "赵\n敏".
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.match(/(?<!\r)\n/g)).toEqual(['\n'])
    expect(text).toContain('"赵\n敏"')
  })

  it('answers a link that downloads exactly the stored file, which sits under exports/<operatorId>/', async () => {
    const { bytes } = await download(full)
    expect(bytes.equals(h.cloud.storage.read(full.fileID)!)).toBe(true)
    expect(full.fileID).toMatch(/^cloud:\/\/local\.[^/]+\/exports\/OP02\/20261120-103000-[0-9a-f]{4}-members\.csv$/)
    expect(masked.fileID).toMatch(/\/exports\/OP01\/20261120-103000-[0-9a-f]{4}-members\.csv$/)
    expect(masked.fileID).not.toBe(full.fileID)
    const expires = Date.parse(full.expiresAt)
    expect(expires).toBeGreaterThan(Date.now() + 50 * 60_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + 60 * 60_000)
  })

  it('logs who exported what, how many rows, and whether phone numbers were in full', async () => {
    const logs = h.cloud.executor.find('exports', { kind: 'members' }) as unknown as Record<string, unknown>[]
    expect(logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operatorId: 'OP01',
          operatorName: DEMO_OPERATOR.name,
          rows: MEMBERS,
          pii: false,
          fileID: masked.fileID,
          at: NOW,
          range: null,
        }),
        expect.objectContaining({
          operatorId: 'OP02',
          operatorName: PII_OPERATOR.name,
          rows: MEMBERS,
          pii: true,
          fileID: full.fileID,
          at: NOW,
          range: null,
        }),
      ]),
    )
  })

  it('reads the members in pages of 1,000 by _id, never the collection at once', async () => {
    const inv = await h.cloud.invokeDetailed('export', { action: 'members', input: {} }, { openid: DEMO_OPERATOR._id, clock: NOW })
    expect(inv.outcome.kind).toBe('ok')
    // 3 member pages (1,000 + 1,000 + 500), stores, staff, operators; and the log.
    expect(inv.ops.docsRead).toBeLessThan(MEMBERS + 100)
    expect(inv.ops.rowsScanned).toBeLessThan(MEMBERS + 100)
    expect(inv.ops.reads).toBeLessThanOrEqual(10)
  })
})

describe('ledger', () => {
  let november: ExportResult
  beforeAll(async () => {
    november = await h.ok(DEMO_OPERATOR._id, 'export', 'ledger', { from: '2026-11-01', to: '2026-11-30' }, { clock: NOW })
  }, 60_000)

  it('writes every entry of the business days asked for, oldest first, and none outside them', async () => {
    const { header, rows } = await download(november)
    expect(header).toEqual(['时间', '会员号', '类型', '积分', '变动后积分', '来源', '说明', '操作人'])
    expect(november.rows).toBe(1 + 1 + 1200 + 1 + 1)
    expect(rows).toHaveLength(november.rows)
    const times = rows.map((r) => r[0])
    expect(times[0]).toBe('2026-11-01 00:00:00')
    expect(times[times.length - 1]).toBe('2026-11-30 23:59:59')
    expect([...times].sort()).toEqual(times)
    expect(rows.filter((r) => r[0].startsWith('2026-11-15'))).toHaveLength(1200)
    expect(rows.some((r) => r[0].startsWith('2026-10') || r[0].startsWith('2026-12') || r[0].startsWith('2025'))).toBe(false)
  })

  it('names the member, kind, source and actor, and keeps signed points as numbers', async () => {
    const { rows } = await download(november)
    expect(rows[0]).toEqual([
      '2026-11-01 00:00:00',
      memberNo(4),
      '获得',
      '100',
      '100',
      `消费 · ${DEMO_STORE.name} · 订单 SO-first-instant`,
      '消费积分',
      `导购 ${DEMO_ASSISTANT.name}（${DEMO_ASSISTANT.staffId}）`,
    ])
    const adjust = rows.find((r) => r[3] === '-20')!
    expect(adjust).toEqual([
      '2026-11-02 12:00:00',
      memberNo(5),
      '人工调整',
      '-20',
      '80',
      '运营调整',
      '\'=cmd|"/c calc"!A1',
      `运营 ${DEMO_OPERATOR.name}（OP01）`,
    ])
    // An entry whose member is gone keeps its line, without a member number.
    expect(rows.find((r) => r[5].includes('SO-gone-member'))![1]).toBe('')
  })

  it('reads a day at a time through the at index: entries outside the range are never fetched', async () => {
    const inv = await h.cloud.invokeDetailed(
      'export',
      { action: 'ledger', input: { from: '2026-11-01', to: '2026-11-30' } },
      { openid: DEMO_OPERATOR._id, clock: NOW },
    )
    expect(inv.outcome.kind).toBe('ok')
    // The 1,204 entries in range (the busy day's second page re-reads a little), their members and the names:
    // fewer rows than the ledger's 4,206, so not even one day's query fell back to reading the collection.
    expect(inv.ops.docsRead).toBeLessThan(1204 * 2 + 100)
    expect(inv.ops.rowsScanned).toBeLessThan(4000)
  })

  it('logs the ledger export with its range', async () => {
    const log = h.cloud.executor.find('exports', { fileID: november.fileID }) as unknown as Record<string, unknown>[]
    expect(log).toEqual([
      expect.objectContaining({
        kind: 'ledger',
        range: { from: '2026-11-01', to: '2026-11-30' },
        rows: november.rows,
        pii: false,
        operatorId: 'OP01',
      }),
    ])
    expect(november.fileID).toMatch(/\/exports\/OP01\/20261120-103000-[0-9a-f]{4}-ledger-20261101-20261130\.csv$/)
  })

  it('refuses a range over 366 days, a reversed range and dates that do not exist', async () => {
    for (const input of [
      { from: '2025-11-01', to: '2026-11-02' },
      { from: '2026-11-30', to: '2026-11-01' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026/11/01', to: '2026-11-30' },
    ]) {
      const r = await h.call(DEMO_OPERATOR._id, 'export', 'ledger', input, { clock: NOW })
      expect([input, r]).toEqual([input, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) })])
    }
    const year = await h.call(DEMO_OPERATOR._id, 'export', 'ledger', { from: '2025-12-01', to: '2026-11-30' }, { clock: NOW })
    // 2025-12-01 to 2026-11-30 (365 days) holds November and the entry of 31 October.
    expect(year).toMatchObject({ ok: true, data: { rows: 1205 } })
  })
})
