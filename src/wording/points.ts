import type { MemberView } from '../api/contract'
import { availablePoints, nextExpiring, type PointBatch } from '../domain/points'
import type { ProgramRules } from '../domain/program'
import type { Instant } from '../domain/time'
import { lastDayText } from './dates'

/** "12,480": points are integers; grouped like money so big balances read at a glance. */
export const formatPoints = (points: number): string => String(points).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** "+520" for points in, "-1,200" for points out: the sign is the first thing read in a history. */
export const signedPoints = (points: number): string => `${points > 0 ? '+' : points < 0 ? '-' : ''}${formatPoints(Math.abs(points))}`

/** "120 积分将于 2027-12-31 过期": the batch's last covered day (its expiry is an exclusive end). */
export const expiryWording = (batch: PointBatch): string => `${formatPoints(batch.points)} 积分将于 ${lastDayText(batch.expiresAt)} 过期`

/** The expiry rule in one line, from the program's own setting (points expire by earning year). */
export const expiryRuleWording = (program: Pick<ProgramRules, 'expiry'>): string => {
  const years = program.expiry.yearsAfterEarningYear
  return `每年获得的积分有效期至${years === 1 ? '次年' : ` ${years} 年后的`}年底`
}

/**
 * What the card and the history say about a member's points at `now` (the server's clock): the points usable
 * now (expired batches no longer count, even before the expiry job has run) and the next batch to expire.
 */
export const pointsAt = (member: MemberView, now: Instant): { points: number; expiring: PointBatch | null } => {
  // The mini-program and the cloud functions are released separately: a function from before point batches
  // sends none, and its balance is then the best figure there is.
  if (!Array.isArray(member.pointBatches)) return { points: member.pointsBalance, expiring: null }
  return { points: availablePoints(member, now), expiring: nextExpiring(member, now) }
}
