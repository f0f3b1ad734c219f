/**
 * Cloud function `member`: what a shopper does for themself — join, and open their card.
 */
import { randomInt } from 'node:crypto'
import { EmptySchema, JoinSchema, PointsHistorySchema } from '../../src/api/schemas'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { AppError, invalidInput } from '../../src/domain/errors'
import { birthdayProblem, newMember, type Member } from '../../src/domain/member'
import { generateMemberNo } from '../../src/domain/memberNo'
import { parseStoreScene } from '../../src/domain/scene'
import { businessTime } from '../../src/domain/time'
import { db } from '../_lib/cloud'
import { COLLECTIONS, type StaffDoc } from '../_lib/collections'
import { readDoc, readMany } from '../_lib/docs'
import { historyEntry, ledgerPage } from '../_lib/history'
import { loadMember } from '../_lib/members'
import { duplicateKeyIndex } from '../_lib/errors'
import { loadProgram, loadStore } from '../_lib/reference'
import { serve, shopperAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { memberView, withoutId } from '../_lib/views'

/** Which store and assistant recruited the shopper. A departed assistant's QR still credits the store. */
const attribution = async (scene: string | undefined): Promise<{ storeId: string | null; assistantId: string | null }> => {
  if (scene === undefined || scene === '') return { storeId: null, assistantId: null }
  const parsed = parseStoreScene(scene)
  const store = parsed && (await loadStore(parsed.storeId))
  if (!parsed || !store) throw invalidInput([{ field: 'scene', message: '该门店二维码已失效，请向店员索取新的二维码' }])
  if (!parsed.assistantId) return { storeId: store._id, assistantId: null }
  const assistants = await readMany<StaffDoc>(
    db.collection(COLLECTIONS.staff).where({ staffId: parsed.assistantId, storeId: store._id, active: true }).limit(1),
  )
  return { storeId: store._id, assistantId: assistants.length > 0 ? parsed.assistantId : null }
}

const MEMBER_NO_ATTEMPTS = 3

const join = shopperAction(JoinSchema, async (input, ctx) => {
  const existing = await loadMember(ctx.openid)
  if (existing) return { member: memberView(existing, existing.storeId ? await loadStore(existing.storeId) : null), created: false }

  const today = businessTime(ctx.now)
  const problem = birthdayProblem(input.birthday, { year: today.year(), month: today.month() + 1, day: today.date() })
  if (problem) throw invalidInput([{ field: 'birthday', message: problem }])
  if (input.consent.version !== PRIVACY_NOTICE_VERSION) {
    throw invalidInput([{ field: 'consent', message: '隐私政策已更新，请重新阅读并同意' }])
  }
  const { storeId, assistantId } = await attribution(input.scene)

  for (let attempt = 1; ; attempt++) {
    const candidate = newMember(
      {
        openid: ctx.openid,
        memberNo: generateMemberNo(() => randomInt(10)),
        name: input.name,
        mobile: input.mobile,
        birthday: input.birthday,
        storeId,
        assistantId,
        consentVersion: input.consent.version,
      },
      ctx.now,
    )
    try {
      // Two taps on "join" race here: the loser's transaction conflicts, re-runs, and finds the winner's member.
      const { member, created } = await inTransaction(async (t) => {
        const current = await readDoc<Member>(t.collection(COLLECTIONS.members).doc(ctx.openid))
        if (current) return { member: current, created: false }
        await t.collection(COLLECTIONS.members).doc(ctx.openid).set({ data: withoutId(candidate) })
        return { member: candidate, created: true }
      })
      return { member: memberView(member, member.storeId ? await loadStore(member.storeId) : null), created }
    } catch (e) {
      const index = duplicateKeyIndex(e)
      if (index?.startsWith('mobile')) throw new AppError('PHONE_IN_USE', '该手机号已绑定其他微信，请到店由导购协助处理')
      if (index?.startsWith('memberNo') && attempt < MEMBER_NO_ATTEMPTS) continue
      throw e
    }
  }
})

const getCard = shopperAction(EmptySchema, async (_input, ctx) => {
  const member = await loadMember(ctx.openid)
  if (!member) throw new AppError('NOT_A_MEMBER', '您还不是会员，请先注册')
  const [program, store] = await Promise.all([loadProgram(), member.storeId ? loadStore(member.storeId) : null])
  return { member: memberView(member, store), program, serverTime: ctx.now }
})

/** The shopper's own points history, newest first, a page at a time. */
const pointsHistory = shopperAction(PointsHistorySchema, async ({ cursor }, ctx) => {
  const { page, nextCursor } = await ledgerPage(ctx.openid, cursor)
  return { entries: await Promise.all(page.map(historyEntry)), nextCursor }
})

export const main = serve('member', { join, getCard, pointsHistory })
