/**
 * The dynamic member code a demo shopper's phone shows right now: the secret the card page would get
 * (member.codeSecret, as that shopper) and the code of the current 30 seconds. For steps where the test
 * stands at the till and the shopper's own screen is not the point; elsewhere the tests read the code off
 * the card page, as the assistant's scanner does.
 */
import type { LocalCloud } from '../../../localcloud'
import { dynamicMemberCode } from '../../../src/domain/memberCode'

/** `stepsAhead` 1: the next half minute's code (still accepted now), for a second action of the same visit. */
export const memberCodeNow = async (cloud: LocalCloud, openid: string, stepsAhead = 0): Promise<string> => {
  const answer = (await cloud.invoke('member', { action: 'codeSecret', input: {} }, { openid })) as
    { ok: true; data: { memberNo: string; secret: string } } | { ok: false; error: { code: string; message: string } }
  if (!answer.ok) throw new Error(`member.codeSecret for ${openid}: ${answer.error.code} ${answer.error.message}`)
  return dynamicMemberCode(answer.data.memberNo, answer.data.secret, Date.now() + stepsAhead * 30_000)
}
