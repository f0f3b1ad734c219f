import { readMemberFile, decodeText } from '../../cloudfunctions/import/sheet'
import {
  checkSheet,
  claimImported,
  classifyRow,
  endOfBusinessDate,
  ImportFileProblem,
  importTemplateCsv,
  openImportedMember,
  parseDateCell,
  reimportMember,
  yuanCellToFen,
  type Cell,
  type ImportLookups,
} from '../../src/domain/memberImport'
import { newMember } from '../../src/domain/member'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { applyPurchaseToTier, effectiveTier, tierFromHistory } from '../../src/domain/tiers'

// The desk's xlsx writer (write-excel-file, a desk dependency) makes the test files; its CommonJS build, for jest.
const writeXlsxFile =
  require('../../desk/node_modules/write-excel-file/node/index.cjs') as typeof import('../../desk/node_modules/write-excel-file/node/index.js').default

const NOW = '2026-12-07T04:00:00.000Z'
const HEADER = ['姓名', '手机号', '生日', '等级', 'VIP有效期至', '积分', '积分到期日', '累计消费', '门店编号', '导购工号']
const lookups: ImportLookups = {
  stores: new Map([
    ['SH001', { active: true }],
    ['SH009', { active: false }],
  ]),
  staff: new Map([
    ['A01', { storeId: 'SH001', active: true }],
    ['A02', { storeId: 'SH002', active: true }],
    ['A09', { storeId: 'SH001', active: false }],
  ]),
}
const GOOD: Cell[] = ['张丽', '13800138000', '1990-05-17', 'VIP', '2027-06-30', '1280', '2027-12-31', '3560.50', 'SH001', 'A01']
const check = (...rows: Cell[][]) => checkSheet([HEADER, ...rows], lookups, NOW)

describe('checking an import file', () => {
  it('normalizes a good row: fen, points with their expiry batch, VIP to the end of its last day (Shanghai)', () => {
    const { rows, errors, total, refused } = check(GOOD)
    expect(errors).toEqual([])
    expect({ total, refused }).toEqual({ total: 1, refused: 0 })
    expect(rows[0]).toEqual({
      line: 2,
      name: '张丽',
      mobile: '13800138000',
      birthday: { year: 1990, month: 5, day: 17 },
      tier: 'vip',
      vipUntil: '2027-06-30T16:00:00.000Z',
      points: 1280,
      pointsExpiresAt: '2027-12-31T16:00:00.000Z',
      lifetimeSpendFen: 356_050,
      storeId: 'SH001',
      assistantId: 'A01',
    })
  })

  it('reads headers in any order, ignores extra columns, and names a missing required header', () => {
    const { rows } = checkSheet(
      [
        ['备注', '手机号', ' 姓名 '],
        ['老顾客', '139 0013 9000', '王五'],
      ],
      lookups,
      NOW,
    )
    expect(rows).toMatchObject([{ line: 2, name: '王五', mobile: '13900139000', tier: 'member', points: 0, storeId: null }])
    expect(() =>
      checkSheet(
        [
          ['姓名', '电话'],
          ['王五', '13900139000'],
        ],
        lookups,
        NOW,
      ),
    ).toThrow(new ImportFileProblem('文件缺少必需的列：手机号（第一行应为表头）'))
    expect(() => checkSheet([], lookups, NOW)).toThrow(ImportFileProblem)
  })

  it('refuses each bad cell with its row, its column and the words to fix it', () => {
    const bad = (col: string, value: Cell) => {
      const row = [...GOOD]
      row[HEADER.indexOf(col)] = value
      return check(row).errors
    }
    expect(bad('手机号', '1380013800')).toEqual([{ line: 2, column: '手机号', message: '手机号应为 11 位中国大陆手机号' }])
    expect(bad('手机号', '')).toEqual([{ line: 2, column: '手机号', message: '请填写手机号' }])
    expect(bad('生日', '1990-02-30')[0]).toMatchObject({ column: '生日' })
    expect(bad('生日', '2030-01-01')).toEqual([{ line: 2, column: '生日', message: '生日不能晚于今天' }])
    expect(bad('等级', '钻石')).toEqual([{ line: 2, column: '等级', message: '等级应为 会员、VIP 或 金卡' }])
    expect(bad('VIP有效期至', '')).toEqual([{ line: 2, column: 'VIP有效期至', message: 'VIP 会员请填写 VIP有效期至' }])
    expect(bad('积分', '12.5')).toEqual([{ line: 2, column: '积分', message: '积分应为不小于 0 的整数' }])
    expect(bad('积分', '-3')[0]).toMatchObject({ column: '积分' })
    expect(bad('积分到期日', '2026-12-01')).toEqual([{ line: 2, column: '积分到期日', message: '积分已过期，不能导入' }])
    expect(bad('积分到期日', '')[0]).toMatchObject({ column: '积分到期日', message: '有积分时请填写积分到期日' })
    expect(bad('累计消费', '12.345')[0]).toMatchObject({ column: '累计消费' })
    expect(bad('累计消费', 12.345)[0]).toMatchObject({ column: '累计消费' })
    expect(bad('门店编号', 'XX1')).toEqual([{ line: 2, column: '门店编号', message: '门店编号 XX1 不存在' }])
    expect(bad('门店编号', 'SH009')[0]).toMatchObject({ column: '门店编号', message: '门店 SH009 已关闭' })
    expect(bad('导购工号', 'A02')).toEqual([{ line: 2, column: '导购工号', message: '导购 A02 不属于门店 SH001' }])
    expect(bad('导购工号', 'A09')[0]).toMatchObject({ message: '导购 A09 已离职' })
    expect(bad('导购工号', 'Z99')[0]).toMatchObject({ message: '导购工号 Z99 不存在' })
    expect(bad('姓名', 'a\u202Eb')[0]).toMatchObject({ column: '姓名' })
  })

  it('refuses every row of a phone number repeated within the file, naming the other rows', () => {
    const other: Cell[] = ['李四', '13700137000']
    const { rows, errors, refused } = check(GOOD, other, ['张丽2', '+86 138-0013-8000'])
    expect(rows.map((r) => r.name)).toEqual(['李四'])
    expect(refused).toBe(2)
    expect(errors).toEqual([
      { line: 2, column: '手机号', message: '手机号与第 4 行重复' },
      { line: 4, column: '手机号', message: '手机号与第 2 行重复' },
    ])
  })

  it('skips blank rows and counts lines as Excel shows them', () => {
    const { rows, total } = check([], ['', null], GOOD)
    expect(total).toBe(1)
    expect(rows[0].line).toBe(4)
  })
})

describe('cells', () => {
  it('reads dates as text, as Excel serials and as Date cells', () => {
    const may17 = { year: 2024, month: 5, day: 17 }
    for (const cell of [
      '2024-05-17',
      '2024/5/17',
      '2024.5.17',
      '20240517',
      '2024年5月17日',
      45429,
      '45429',
      new Date(Date.UTC(2024, 4, 17)),
    ])
      expect(parseDateCell(cell)).toEqual(may17)
    for (const cell of ['2024-13-01', '2023-02-29', 'soon', 0, 1.5, '', null]) expect(parseDateCell(cell)).toBeNull()
  })

  it('turns yuan into fen exactly, with at most two decimals', () => {
    expect(yuanCellToFen('1,280.5')).toBe(128_050)
    expect(yuanCellToFen('¥0.07')).toBe(7)
    expect(yuanCellToFen(0.07)).toBe(7)
    expect(yuanCellToFen(1234.56)).toBe(123_456)
    expect(yuanCellToFen('1.234')).toBeNull()
    expect(yuanCellToFen(-1)).toBeNull()
  })

  it('ends a business date at the next Shanghai midnight', () => {
    expect(endOfBusinessDate({ year: 2027, month: 12, day: 31 })).toBe('2027-12-31T16:00:00.000Z')
  })
})

describe('reading the files Excel saves', () => {
  const CSV = `${HEADER.join(',')}\r\n张丽,13800138000,1990-05-17,VIP,2027-06-30,1280,2027-12-31,3560.50,SH001,A01\r\n`
  const gbk = (text: string) => {
    // GB18030 bytes for the CSV, built from TextDecoder's own table (Node has no GBK encoder).
    const table = new Map<string, number[]>()
    const decoder = new TextDecoder('gb18030')
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) table.set(decoder.decode(new Uint8Array([hi, lo])), [hi, lo])
    return new Uint8Array([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c)!)))
  }

  it.each([
    ['UTF-8', new TextEncoder().encode(CSV)],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)])],
    ['GBK', gbk(CSV)],
  ])('reads a CSV in %s', async (_label, bytes) => {
    const sheet = await readMemberFile(bytes)
    expect(sheet[0]).toEqual(HEADER)
    expect(checkSheet(sheet, lookups, NOW).rows[0]).toMatchObject({ name: '张丽', lifetimeSpendFen: 356_050 })
  })

  it('tells GBK from UTF-8', () => {
    expect(decodeText(gbk('门店编号'))).toBe('门店编号')
  })

  it('reads an .xlsx with date cells, serial numbers and numeric phones', async () => {
    const bytes = await writeXlsxFile([
      HEADER.map((value) => ({ value })),
      [
        { value: '张丽' },
        { value: 13800138000, type: Number },
        { value: new Date(Date.UTC(1990, 4, 17)), type: Date, format: 'yyyy-mm-dd' },
        { value: 'VIP' },
        { value: 46568, type: Number },
        { value: 1280, type: Number },
        { value: '2027-12-31' },
        { value: 3560.5, type: Number },
        { value: 'SH001' },
        { value: 'A01' },
      ],
    ]).toBuffer()
    const { rows, errors } = checkSheet(await readMemberFile(new Uint8Array(bytes)), lookups, NOW)
    expect(errors).toEqual([])
    expect(rows[0]).toMatchObject({
      mobile: '13800138000',
      birthday: { year: 1990, month: 5, day: 17 },
      vipUntil: '2027-06-30T16:00:00.000Z',
    })
  })

  it('refuses the old .xls format and a broken file with words to fix it', async () => {
    await expect(readMemberFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).rejects.toThrow('不支持旧版 .xls 文件')
    await expect(readMemberFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).rejects.toThrow('无法读取这个 Excel 文件')
    await expect(readMemberFile(new Uint8Array())).rejects.toThrow('文件是空的')
  })
})

describe('the template', () => {
  it('is a CSV Excel opens in Chinese, with every column and one example row that passes the checks', async () => {
    const bytes = new TextEncoder().encode(importTemplateCsv())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const sheet = await readMemberFile(bytes)
    expect(sheet[0]).toEqual(HEADER)
    const checked = checkSheet(sheet, lookups, NOW)
    expect(checked.errors).toEqual([])
    expect(checked.rows).toHaveLength(1)
  })
})

describe('imported members', () => {
  const row = check(GOOD).rows[0]
  const actor = { operatorId: 'OP01', jobId: 'job1' }
  const opened = openImportedMember(row, { memberId: 'u123', memberNo: '10000000009', referralCode: 'R1' }, actor, NOW, 1)

  it('open unclaimed, with the imported tier state and the points as one opening entry with its batch', () => {
    expect(opened.member).toMatchObject({
      _id: 'u123',
      unclaimed: true,
      tier: 'vip',
      vipUntil: '2027-06-30T16:00:00.000Z',
      lifetimeSpendFen: 356_050,
      pointsBalance: 1280,
      pointBatches: [{ expiresAt: '2027-12-31T16:00:00.000Z', points: 1280 }],
      storeId: 'SH001',
      assistantId: 'A01',
    })
    expect(opened.entries).toEqual([
      expect.objectContaining({
        memberId: 'u123',
        points: 1280,
        balanceAfter: 1280,
        expiresAt: '2027-12-31T16:00:00.000Z',
        source: { type: 'import', id: 'job1' },
      }),
    ])
    expect(effectiveTier(opened.member, NOW)).toBe('vip')
  })

  it('continue under the tier rules from the imported state: lifetime spend counts toward gold', () => {
    const { state, change } = applyPurchaseToTier(opened.member, 150_000, NOW, DEFAULT_PROGRAM)
    expect(change).toEqual({ kind: 'gold_granted' })
    expect(state.lifetimeSpendFen).toBe(506_050)
  })

  it('keep the imported tier and lifetime spend when a refund replays the purchase history', () => {
    const member = { ...opened.member, ...applyPurchaseToTier(opened.member, 20_000, NOW, DEFAULT_PROGRAM).state }
    const refunded = tierFromHistory([{ at: NOW, netFen: 0 }], DEFAULT_PROGRAM, member)
    expect(refunded).toMatchObject({ tier: 'vip', vipUntil: opened.member.vipUntil, lifetimeSpendFen: 356_050 })
    // Without an opening state (a member who joined), the replay starts from nothing, as before.
    expect(tierFromHistory([], DEFAULT_PROGRAM, { ...member, openingTier: undefined })).toMatchObject({
      tier: 'member',
      lifetimeSpendFen: 0,
    })
  })

  it('are classified against what the database holds', () => {
    const none = { existing: null, claimed: false, phoneHeldByMember: false }
    expect(classifyRow(row, none)).toEqual({ kind: 'new' })
    expect(classifyRow(row, { ...none, existing: opened.member })).toEqual({ kind: 'unchanged' })
    expect(classifyRow({ ...row, points: 99 }, { ...none, existing: opened.member })).toEqual({ kind: 'changed' })
    expect(classifyRow(row, { ...none, claimed: true })).toMatchObject({ kind: 'refused' })
    expect(classifyRow(row, { ...none, phoneHeldByMember: true })).toEqual({ kind: 'refused', message: '该手机号已是会员，未导入' })
  })

  it('re-imported with other points: the old balance taken out, the new one entered, the books still adding up', () => {
    const { member, entries } = reimportMember(opened.member, { ...row, points: 300 }, { ...actor, jobId: 'job2' }, NOW, 1)
    expect(member.pointsBalance).toBe(300)
    expect(entries.map((e) => e.points)).toEqual([-1280, 300])
    expect([...opened.entries, ...entries].reduce((s, e) => s + e.points, 0)).toBe(member.pointsBalance)
    expect(reimportMember(opened.member, { ...row, name: '张丽丽' }, actor, NOW, 1).entries).toEqual([])
  })

  it('are claimed by a transfer: the points out of the record and into the member, batch by batch', () => {
    const joined = newMember(
      {
        openid: 'wx-openid',
        memberNo: '20000000004',
        name: '',
        mobile: '13800138000',
        mobileVerified: true,
        birthday: { month: 5, day: 17 },
        storeId: null,
        assistantId: null,
        consentVersion: 'v1',
        referralCode: 'R2',
      },
      NOW,
    )
    const { member, entries, claim } = claimImported(opened.member, joined, NOW, 1)
    expect(member).toMatchObject({
      _id: 'wx-openid',
      memberNo: '10000000009',
      name: '张丽',
      mobileVerified: true,
      tier: 'vip',
      vipUntil: opened.member.vipUntil,
      lifetimeSpendFen: 356_050,
      pointsBalance: 1280,
      storeId: 'SH001',
      assistantId: 'A01',
      referralCode: 'R2',
    })
    expect(member.unclaimed).toBeUndefined()
    const out = entries.filter((e) => e.memberId === 'u123')
    const into = entries.filter((e) => e.memberId === 'wx-openid')
    expect([...opened.entries, ...out].reduce((s, e) => s + e.points, 0)).toBe(0)
    expect(into.reduce((s, e) => s + e.points, 0)).toBe(member.pointsBalance)
    expect(into[0].expiresAt).toBe('2027-12-31T16:00:00.000Z')
    expect(claim).toMatchObject({ _id: 'u123', memberNo: '10000000009', claimedAt: NOW, points: 1280 })
  })
})
