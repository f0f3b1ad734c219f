/**
 * Database operations per action, as the local cloud counts them (localcloud executor: reads, writes, the
 * operations inside transactions and the most one transaction carried). The main actions of each function run
 * once on a warm instance, as their real callers, on the demo data: a shopper's card, points and coupons; the
 * till's scan, purchase (with the member's dynamic code, bench/tillCodes.ts), refund and redemption; an RSVP and
 * its check-in at the door; operators' reads. Budgets (issue 9, the card's raised by issue 20): opening the card ≤ 3
 * reads (the member, then side by side the code secret's version and the count of usable coupons — a count returns
 * no documents; the upcoming events' count is cached per instance; in the birthday month also this year's birthday
 * card), so still two round trips; recording a purchase
 * ≤ 5 document operations in one transaction. Prints a table; figures only, nothing asserted.
 * Run after `npm run build:functions`: `npx tsx bench/dbops.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalCloud, type LocalCloud, type OpCounts } from '../localcloud'
import { functionsOutDir } from '../scripts/build-functions'
import { productCloudOptions } from '../scripts/local-cloud'
import { DEMO_ASSISTANT, DEMO_JOIN_SCENE, DEMO_MANAGER, DEMO_OPERATOR, demoDocuments } from '../scripts/demo-data'
import { PRIVACY_NOTICE_VERSION } from '../src/api/privacy'
import { TillCodes } from './tillCodes'

export interface DbOpsRow {
  action: string
  ok: boolean
  reads: number
  writes: number
  /** Reads and writes inside transactions (all of them, retries included). */
  inTxn: number
  /** The most operations one transaction carried. */
  maxTxnOps: number
  docsRead: number
  budget?: string
  withinBudget?: boolean
}

const SHOPPER = 'demo-shopper-b'
const SHOPPER_NO = '20261123002'
const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

/** The budgets the issue names, by action. */
const BUDGETS: Record<string, { text: string; within: (ops: OpCounts) => boolean }> = {
  'member.getCard': { text: '≤ 3 reads', within: (ops) => ops.reads <= 3 },
  'staff.recordPurchase': { text: '≤ 5 doc ops in one transaction', within: (ops) => ops.maxTxnOps <= 5 },
}

export const dbopsBench = async (): Promise<DbOpsRow[]> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipcard-dbops-'))
  let cloud: LocalCloud | undefined
  try {
    cloud = await startLocalCloud({ dataDir, functionsDir: functionsOutDir, ...productCloudOptions(), port: 0, logs: false })
    for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
    const rows: DbOpsRow[] = []
    const invoke = async (openid: string, fn: string, action: string, input: unknown, clock?: string) => {
      const inv = await cloud!.invokeDetailed(fn, { action, input }, { openid, clock })
      return { body: inv.body as { ok: boolean; data?: any; error?: { code: string; message: string } }, ops: inv.ops }
    }
    /** Runs and records one action; `label` tells apart two runs of the same action. */
    const measure = async (openid: string, fn: string, action: string, input: unknown, clock?: string, label = `${fn}.${action}`) => {
      const { body, ops } = await invoke(openid, fn, action, input, clock)
      const budget = BUDGETS[`${fn}.${action}`]
      rows.push({
        action: label,
        ok: body.ok,
        reads: ops.reads,
        writes: ops.writes,
        inTxn: ops.inTxn,
        maxTxnOps: ops.maxTxnOps,
        docsRead: ops.docsRead,
        ...(budget ? { budget: budget.text, withinBudget: body.ok && budget.within(ops) } : {}),
      })
      if (!body.ok) console.error(`${label}: ${body.error?.code} ${body.error?.message}`)
      return body.data
    }

    // Warm every function's instance (module state such as the program settings stays between calls).
    await invoke(SHOPPER, 'member', 'getCard', {})
    await invoke(DEMO_ASSISTANT._id, 'staff', 'whoami', {})
    await invoke(DEMO_OPERATOR._id, 'ops', 'whoami', {})
    await invoke(SHOPPER, 'event', 'list', {})

    // The shopper.
    await measure(SHOPPER, 'member', 'getCard', {})
    await measure(SHOPPER, 'member', 'pointsHistory', {})
    await measure(SHOPPER, 'member', 'coupons', {})
    await measure(SHOPPER, 'member', 'codeSecret', {})
    await measure('dbops-newcomer', 'member', 'join', {
      name: '林晓',
      mobile: '13700000001',
      birthday: { month: 5, day: 12 },
      consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
      scene: encodeURIComponent(DEMO_JOIN_SCENE),
    })

    // The till: scan, then the purchase with the same dynamic code (a half minute of its own, see TillCodes).
    const codes = new TillCodes()
    codes.remember((await invoke(SHOPPER, 'member', 'codeSecret', {})).body.data)
    const scan = codes.next(SHOPPER_NO)
    await measure(DEMO_ASSISTANT._id, 'staff', 'scanMember', { code: scan.code }, scan.clock)
    await measure(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: scan.code, amountFen: 128_800, orderNo: 'DBOPS-1' },
      scan.clock,
    )
    const direct = codes.next(SHOPPER_NO)
    await measure(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: direct.code, amountFen: 36_800, orderNo: 'DBOPS-2' },
      direct.clock,
      'staff.recordPurchase (no scan first)',
    )
    await measure(
      DEMO_ASSISTANT._id,
      'staff',
      'recordPurchase',
      { memberCode: direct.code, amountFen: 36_800, orderNo: 'DBOPS-2' },
      direct.clock,
      'staff.recordPurchase (retried)',
    )
    await measure(DEMO_ASSISTANT._id, 'staff', 'previewRefund', { orderNo: 'DBOPS-1', amountFen: 28_800 }, direct.clock)
    await measure(
      DEMO_ASSISTANT._id,
      'staff',
      'recordRefund',
      { orderNo: 'DBOPS-1', amountFen: 28_800, requestId: 'dbops-refund-0001' },
      direct.clock,
    )
    const redeem = codes.next(SHOPPER_NO)
    await measure(
      DEMO_ASSISTANT._id,
      'staff',
      'redeemPoints',
      { memberCode: redeem.code, itemId: 'tote-bag', requestId: 'dbops-redeem-0001' },
      redeem.clock,
      'staff.redeemPoints (catalog gift)',
    )
    await measure(DEMO_ASSISTANT._id, 'staff', 'redeemCatalog', {})
    await measure(DEMO_ASSISTANT._id, 'staff', 'customers', {})
    await measure(DEMO_ASSISTANT._id, 'staff', 'customer', { code: SHOPPER_NO })
    await measure(DEMO_MANAGER._id, 'staff', 'today', {})

    // An event: RSVP, then check-in at the door.
    const created = await measure(DEMO_OPERATOR._id, 'event', 'create', {
      title: '秋冬新品品鉴会',
      description: '',
      cover: '',
      storeId: 'SH001',
      startsAt: isoIn(0.02),
      endsAt: isoIn(0.2),
      capacity: 30,
      tiers: ['member', 'vip', 'gold'],
      rsvpDeadline: isoIn(0.01),
      cancelDeadline: isoIn(0.01),
      attendancePoints: 50,
      maxGuests: 1,
      requestId: 'dbops-event-0001',
    })
    await measure(SHOPPER, 'event', 'list', {})
    const rsvp = await measure(SHOPPER, 'event', 'rsvp', { eventId: created?.event.id, guests: 0 })
    const ticket = rsvp?.event?.myRsvp?.ticketCode
    await measure(DEMO_ASSISTANT._id, 'event', 'checkIn', { ticketCode: String(ticket) }, isoIn(0.03))

    // Operators' reads.
    await measure(DEMO_OPERATOR._id, 'ops', 'lookupMember', { code: SHOPPER_NO })
    await measure(DEMO_OPERATOR._id, 'ops', 'memberLedger', { code: SHOPPER_NO })
    await measure(DEMO_OPERATOR._id, 'ops', 'campaigns', {})
    await measure(DEMO_OPERATOR._id, 'ops', 'customers', {})
    await measure(DEMO_OPERATOR._id, 'ops', 'segments', {})
    await measure(DEMO_OPERATOR._id, 'ops', 'dashboard', { days: 30 })
    return rows
  } finally {
    await cloud?.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export const printDbOps = (rows: DbOpsRow[]) => {
  const header = ['action', 'reads', 'writes', 'in txn', 'max/txn', 'docs read', 'budget', 'within']
  const cells = rows.map((r) => [
    r.ok ? r.action : `${r.action} (failed)`,
    String(r.reads),
    String(r.writes),
    String(r.inTxn),
    String(r.maxTxnOps),
    String(r.docsRead),
    r.budget ?? '',
    r.withinBudget === undefined ? '' : r.withinBudget ? 'yes' : 'NO',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i >= 6 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')
  console.log('Database operations per action (local cloud, warm instance, demo data)')
  console.log(line(header))
  for (const c of cells) console.log(line(c))
}

if (require.main === module) {
  dbopsBench()
    .then(printDbOps)
    .then(() => process.exit(0))
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
