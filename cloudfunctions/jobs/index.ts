/**
 * Cloud function `jobs`: timer-triggered upkeep. CloudBase allows one timer trigger per function, so its
 * single trigger `upkeep` (config.json: every hour at :05, Asia/Shanghai; the first run of a month is at
 * 00:05 on the 1st) runs every job in turn:
 * - vip-sweep: lapses VIPs whose year ran out and rolls renewed VIP years, so stored tiers (which staff
 *   lists and segments query) match the rules.
 * - points-expiry: expires every batch of points that has reached its expiry.
 * - birthday-coupons: the birthday-month card for every member born this month (once a month, resumable).
 * - campaign-issuing: finishes issuing campaigns to their segments.
 * - hand-overs: finishes handing customers to a colleague where the operator's call stopped (ops.handOverCustomers).
 * - event-reminders: the day-before message to confirmed guests who consented.
 * - erasures: finishes membership deletions a member left unfinished.
 * - export-expiry: deletes export files (a member's own data, an operator's CSV) once they are 7 days old.
 * - pos-nonces: forgets the POS API's nonces once no signature they came with could still be accepted.
 * - daily-stats: yesterday's figures for the operators' dashboard, stored once.
 * - segments: every member's class and RFM scores, and their summary (once a day, resumable).
 * Each job finishes its work for a business day once; the hourly trigger only resumes unfinished runs.
 * Each job walks the members that need it in chunks, recording its progress after every chunk, so a run that
 * is killed resumes where it stopped (the walks, the once-only claims and the run's time budget are in
 * _lib/jobs.ts). Each member is changed in its own transaction that re-checks the member, and expiry entries
 * have ids derived from member and batch, so running a job twice changes nothing twice.
 */
import { randomBytes } from 'node:crypto'
import { settleExpiry } from '../../src/domain/balance'
import { normalizeTier } from '../../src/domain/tiers'
import { AppError } from '../../src/domain/errors'
import { businessDate, businessTime } from '../../src/domain/time'
import { POS_NONCE_WINDOW_SECONDS } from '../../src/domain/pos'
import { campaignsIssuing, continueIssuing } from '../_lib/campaigns'
import { birthdayCouponKey, issueOnce, loadTemplate } from '../_lib/coupons'
import { notify } from '../_lib/messages'
import { _ } from '../_lib/cloud'
import { data, tx } from '../_lib/data'
import { BUDGET_MS, CHUNK, once, runBudget, walkMembers, type JobReport } from '../_lib/jobs'
import { appendEntriesIn, readMemberIn, writeMemberIn } from '../_lib/members'
import { loadProgram } from '../_lib/reference'
import { serveTimers, type JobContext } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { storeYesterday } from './dailyStats'
import { computeSegments } from './segments'
import { eraseMember, unfinishedErasures } from '../_lib/erasure'
import { expireExports } from '../_lib/personalExports'
import { continueHandOver, unfinishedHandOvers } from '../_lib/handOver'

/** All jobs of one run together stop taking new work well before config.json's 60 s timeout. */
const UPKEEP_BUDGET_MS = 50_000

const pointsExpiry = async (ctx: JobContext, budgetMs: number) => {
  const program = await loadProgram()
  const actor = { type: 'job' as const, id: 'points-expiry' }
  return walkMembers(
    {
      job: 'points-expiry',
      runKey: businessDate(ctx.now),
      now: ctx.now,
      walk: { kind: 'drain', select: () => data.members.where({ pointsNextExpiry: _.lte(ctx.now) }) },
      budgetMs,
    },
    ({ _id }) =>
      inTransaction(async (t) => {
        const settled = settleExpiry(await readMemberIn(t, _id), ctx.now, actor, program.version)
        if (settled.entries.length === 0) return false
        await writeMemberIn(t, settled.member)
        await appendEntriesIn(t, settled.entries)
        return true
      }),
  )
}

const vipSweep = async (ctx: JobContext, budgetMs: number) =>
  walkMembers(
    {
      job: 'vip-sweep',
      runKey: businessDate(ctx.now),
      now: ctx.now,
      // vipYearEnd ≤ vipUntil, so this finds both lapsed VIPs and renewed years to roll.
      walk: { kind: 'drain', select: () => data.members.where({ tier: 'vip', vipYearEnd: _.lte(ctx.now) }) },
      budgetMs,
    },
    ({ _id }) =>
      inTransaction(async (t) => {
        const member = await readMemberIn(t, _id)
        const normalized = normalizeTier(member, ctx.now)
        if (normalized.tier === member.tier && normalized.vipYearEnd === member.vipYearEnd) return false
        await writeMemberIn(t, { ...member, ...normalized })
        return true
      }),
  )

/**
 * The birthday-month card: from the 1st of each month, every member born that month gets this year's card,
 * once (its key is member + year; the database refuses a second). Reads only that month's members, through
 * the `birthday.month` index, so it costs about one read and one write per coupon. A member who consented
 * gets a subscribe message.
 */
const BIRTHDAY_CHUNK = 200

const birthdayCoupons = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => {
  const today = businessTime(ctx.now)
  const month = today.month() + 1
  const program = await loadProgram()
  const template = program.coupons.birthdayTemplateId ? await loadTemplate(program.coupons.birthdayTemplateId) : null
  if (!template?.active) return { job: 'birthday-coupons', runKey: today.format('YYYY-MM'), processed: 0, changed: 0, done: true }
  return walkMembers(
    {
      job: 'birthday-coupons',
      runKey: today.format('YYYY-MM'),
      now: ctx.now,
      walk: { kind: 'cursor', select: (cursor) => data.members.where({ 'birthday.month': month, _id: _.gt(cursor) }) },
      // Unlimited templates issue without a transaction: one insert each, many at a time.
      chunkSize: BIRTHDAY_CHUNK,
      concurrency: 16,
      budgetMs,
    },
    async (member) => {
      const key = birthdayCouponKey(member._id, today.year())
      let issued: boolean
      try {
        issued = await issueOnce(template, member, key, 'birthday', ctx.now)
      } catch (e) {
        if (e instanceof AppError && e.code === 'COUPON_NOT_AVAILABLE') return false // a tier the card is not for
        throw e
      }
      // Also for a card issued by a run that stopped before its message: the claim on the card says whether it
      // went. A consent that run took for it, and whose answer it lost, is recorded under the message's key.
      const messageKey = `bday:${today.year()}`
      const owed = (member.subscriptions?.birthdayCoupon ?? 0) > 0 || member.messageKeys?.includes(messageKey)
      if (owed) {
        await once(data.coupons, key, 'messageClaim', () =>
          notify(
            member._id,
            'birthdayCoupon',
            'pages/coupons/index',
            {
              thing1: { value: template.title },
              // A `time` field must hold a 24-hour time (a date may come with it): the card's last minute.
              time2: { value: today.endOf('month').format('YYYY年M月D日 HH:mm') },
              thing3: { value: '生日当月到店消费享7折' },
            },
            messageKey,
          ),
        )
      }
      return issued
    },
  )
}

/** Campaigns still issuing to their segment (the operator's call ran out of time). */
const campaignIssuing = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => {
  let processed = 0
  for (const campaign of await campaignsIssuing()) {
    const saved = await continueIssuing(campaign._id, ctx.now, budgetMs)
    processed += saved.progress.issued
  }
  return { job: 'campaign-issuing', runKey: businessDate(ctx.now), processed, changed: processed, done: true }
}

/** Hand-overs of customers an operator's call left unfinished: each resumes from its recorded run. */
const handOvers = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => {
  const deadline = Date.now() + budgetMs
  let moved = 0
  for (const run of await unfinishedHandOvers()) {
    const left = deadline - Date.now()
    if (left <= 0 || !run.handOver?.toStaffIds) continue
    const after = await continueHandOver(run.runKey, run.handOver, ctx.now, left)
    moved += after.changed - run.changed
  }
  return { job: 'hand-overs', runKey: businessDate(ctx.now), processed: moved, changed: moved, done: true }
}

/**
 * The day-before reminder: for events starting tomorrow (business time), every confirmed guest is marked
 * reminded once (a transaction on the RSVP, so a second run sends nothing) and, if they consented, messaged;
 * a run that could not send gives its mark back.
 */
const eventReminders = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => {
  const tomorrow = businessTime(ctx.now).startOf('day').add(1, 'day')
  const upcoming = await data.events
    .where({ status: 'open', startsAt: _.gte(tomorrow.toISOString()).and(_.lt(tomorrow.add(1, 'day').toISOString())) })
    .limit(100)
    .get()
  let processed = 0
  let sent = 0
  const deadline = Date.now() + budgetMs
  for (const event of upcoming) {
    for (;;) {
      if (Date.now() > deadline) return { job: 'event-reminders', runKey: businessDate(ctx.now), processed, changed: sent, done: false }
      const due = await data.rsvps.where({ eventId: event._id, status: 'confirmed', remindedAt: null }).limit(CHUNK).get()
      for (const r of due) {
        // Claimed with a token of this run: what it could not send (its claim's or the consent's write failed)
        // it gives back to the next run, as `once` does (_lib/jobs.ts).
        const token = randomBytes(8).toString('hex')
        const giveBack = async () => {
          try {
            await data.rsvps.where({ _id: r._id, remindClaim: token }).update({ remindedAt: null, remindClaim: _.remove() })
          } catch {
            // the run fails with its own error either way
          }
        }
        let claimed: boolean
        try {
          claimed = await inTransaction(async (t) => {
            const rsvps = tx(t).rsvps
            const current = await rsvps.get(r._id)
            if (!current || current.remindedAt !== null || current.status !== 'confirmed') return false
            await rsvps.update(r._id, { remindedAt: ctx.now, remindClaim: token })
            return true
          })
        } catch (e) {
          await giveBack()
          throw e
        }
        processed++
        if (!claimed) continue
        let outcome: string
        try {
          outcome = await notify(
            r.memberId,
            'eventReminder',
            'pages/events/index',
            {
              thing1: { value: event.title.slice(0, 20) },
              time2: { value: businessTime(event.startsAt).format('YYYY年M月D日 HH:mm') },
              thing3: { value: '明天见！请携带电子票到店签到' },
            },
            `reminder:${event._id}`,
          )
        } catch (e) {
          await giveBack()
          throw e
        }
        if (outcome === 'sent') sent++
      }
      if (due.length < CHUNK) break
    }
  }
  return { job: 'event-reminders', runKey: businessDate(ctx.now), processed, changed: sent, done: true }
}

/**
 * Deletions a member started and left (closed the app mid-way, or a failure): after ERASURE_GRACE_MS (the member
 * may still be on the page, calling again) the upkeep finishes them, so no personal field outlives the request.
 */
const ERASURE_GRACE_MS = 10 * 60_000

const erasures = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => {
  const deadline = Date.now() + budgetMs
  let processed = 0
  let changed = 0
  for (const openid of await unfinishedErasures(new Date(Date.parse(ctx.now) - ERASURE_GRACE_MS).toISOString(), 20)) {
    const left = deadline - Date.now()
    if (left <= 0) break
    processed++
    if ((await eraseMember(openid, ctx.now, left))?.status === 'deleted') changed++
  }
  return { job: 'erasures', runKey: businessDate(ctx.now), processed, changed, done: true }
}

/** Export files (a member's 导出我的数据, an operator's CSV) 7 days old: deleted (_lib/personalExports.ts). */
const exportExpiry = async (ctx: JobContext, budgetMs: number): Promise<JobReport> => ({
  job: 'export-expiry',
  runKey: businessDate(ctx.now),
  ...(await expireExports(ctx.now, budgetMs)),
})

/**
 * The POS API's nonces (cloudfunctions/pos/auth.ts) older than the nonce window: a request signed with their
 * timestamp is refused as stale by then (the window is longer than the timestamp's 300 s), so they refuse nothing
 * any more, and the rate limit counts only the last minute. Without this the collection grows by one per request.
 */
const posNonceExpiry = async (ctx: JobContext): Promise<JobReport> => {
  const cutoff = new Date(Date.parse(ctx.now) - POS_NONCE_WINDOW_SECONDS * 1000).toISOString()
  const removed = await data.posNonces.where({ at: _.lt(cutoff) }).remove()
  return { job: 'pos-nonces', runKey: businessDate(ctx.now), processed: removed, changed: removed, done: true }
}

/** The segments walk every member: they take what is left of the run and resume next hour. */
const SEGMENTS_BUDGET_MS = 15_000

/**
 * VIP first: it changes no points, and the expiry job then sees members as they stand today. Each job gets
 * its own cap but never more than what is left of the run (`runBudget`).
 */
const upkeep = async (ctx: JobContext): Promise<JobReport[]> => {
  const turn = runBudget(UPKEEP_BUDGET_MS)
  return [
    await vipSweep(ctx, turn(BUDGET_MS)),
    await pointsExpiry(ctx, turn(BUDGET_MS)),
    await birthdayCoupons(ctx, turn(BUDGET_MS)),
    await campaignIssuing(ctx, turn(BUDGET_MS / 4)),
    await handOvers(ctx, turn(BUDGET_MS / 8)),
    await eventReminders(ctx, turn(BUDGET_MS / 4)),
    await erasures(ctx, turn(BUDGET_MS / 4)),
    await exportExpiry(ctx, turn(BUDGET_MS / 8)),
    await posNonceExpiry(ctx),
    await storeYesterday(ctx),
    await computeSegments(ctx, turn(SEGMENTS_BUDGET_MS)),
  ]
}

export const main = serveTimers('jobs', { upkeep })
