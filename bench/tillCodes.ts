/**
 * Benchmarks pay at the till as everyone does: with the member's dynamic code (src/domain/memberCode.ts),
 * which pays once. A benchmark that buys for one member many times a second therefore gives each of that
 * member's purchases its own 30-second step: a synthetic clock that moves on half a minute per purchase of the
 * member, sent with the purchase (x-local-clock with LOCAL_CLOUD_ALLOW_CLOCK=1, invoke()'s clock, or
 * LOCAL_CLOUD_NOW in-process). The clock moves only for that call, so the figures measure the same work,
 * code check and single use included.
 */
import { CODE_STEP_SECONDS, dynamicMemberCode } from '../src/domain/memberCode'

const STEP_MS = CODE_STEP_SECONDS * 1000

export class TillCodes {
  private readonly kept = new Map<string, { secret: string; uses: number }>()

  /** `baseMs`: the first purchase's instant (the start of the current step, by default). */
  constructor(private readonly baseMs = Math.floor(Date.now() / STEP_MS) * STEP_MS) {}

  /** The secret the member's phone holds (member.codeSecret's answer). */
  remember(answer: { memberNo: string; secret: string }) {
    this.kept.set(answer.memberNo, { secret: answer.secret, uses: 0 })
  }

  /** The member's next code and the instant (inside its step) to send it at. */
  next(memberNo: string): { code: string; clock: string } {
    const kept = this.kept.get(memberNo)
    if (!kept) throw new Error(`no code secret for member ${memberNo}`)
    const at = this.baseMs + kept.uses++ * STEP_MS + 1_000
    return { code: dynamicMemberCode(memberNo, kept.secret, at), clock: new Date(at).toISOString() }
  }
}
