/**
 * A member's rights over their personal information (PIPL arts. 45 and 47), in the `member` function:
 *
 * - `myData` exports everything held about the caller — every collection of _lib/personalData.ts — as one JSON
 *   file in cloud storage, answered with a temporary link (the member's own file: their full phone number is in it).
 * - `deleteMembership` erases them (see _lib/erasure.ts), a step at a time within the function's timeout: the
 *   page calls again while the answer is `inProgress`, and the hourly upkeep finishes what a member left.
 */
import { randomBytes } from 'node:crypto'
import type { DeleteMembershipResult, MyDataFile } from '../../src/api/privacy'
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { DeleteMembershipSchema } from '../../src/api/privacySchemas'
import { EmptySchema } from '../../src/api/schemas'
import { AppError } from '../../src/domain/errors'
import { businessTime } from '../../src/domain/time'
import { cloud } from '../_lib/cloud'
import { data } from '../_lib/data'
import { eraseMember, FINDERS, type Doc } from '../_lib/erasure'
import { PERSONAL_DATA_COLLECTIONS, type PersonalDataCollection } from '../_lib/personalData'
import { deleteFiles, recordExport, uploaded } from '../_lib/personalExports'
import { shopperAction } from '../_lib/runtime'

const LINK_MAX_AGE_S = 3600
/** Within config.json's 10 s timeout, with room for the last step in flight. */
const ERASE_BUDGET_MS = 6_000

/** What the file shows of a record: internal secrets left out, images summarized. */
const exported: Partial<Record<PersonalDataCollection, (doc: Doc) => Doc>> = {
  // The code secret lives on the member's phone; the file says it exists, not what it is.
  memberSecrets: ({ secret, ...rest }) => ({ ...rest, secret: secret ? '（已隐藏）' : null }),
  posters: ({ base64, ...rest }) => ({
    ...rest,
    image: typeof base64 === 'string' ? `${Math.round((base64.length * 3) / 4)} bytes` : null,
  }),
  members: ({ erasure, ...rest }) => {
    void erasure
    return rest
  },
}

/**
 * The file is the member's, not their friends': the openid of the member who invited them and of each friend they
 * invited (in `referrals`, `members.referredBy`, and the ids of referral ledger entries) become a label — the
 * member sees the relation, never another person's identifier.
 */
const withoutOthers = (text: string, self: string, referrals: Doc[]): string => {
  const labels = new Map<string, string>()
  let friends = 0
  for (const r of referrals) {
    if (r.inviteeId === self && typeof r.inviterId === 'string') labels.set(r.inviterId, '（邀请您的会员）')
    else if (r.inviterId === self && typeof r.inviteeId === 'string' && !labels.has(r.inviteeId))
      labels.set(r.inviteeId, `（您邀请的好友${++friends}）`)
  }
  let result = text
  for (const [id, label] of labels) if (id !== self) result = result.split(id).join(label)
  return result
}

export const myData = shopperAction(EmptySchema, async (_input, ctx): Promise<MyDataFile> => {
  const member = await data.members.get(ctx.openid)
  if (!member) throw new AppError('NOT_A_MEMBER', '您还不是会员，请先注册')
  // Recorded before it exists: every file is in `personalExports` until it is deleted (7 days on, or with the
  // membership), so none is left behind whatever fails from here on.
  const cloudPath = `mydata/${businessTime(ctx.now).format('YYYYMMDD')}-${randomBytes(12).toString('hex')}.json`
  const exportId = await recordExport(ctx.openid, cloudPath, ctx.now)
  const ids = [ctx.openid]
  const collections: Record<string, Doc[]> = {}
  for (const name of PERSONAL_DATA_COLLECTIONS) {
    const docs = await FINDERS[name](ids)
    const shape = exported[name]
    collections[name] = shape ? docs.map(shape) : docs
  }
  const file = {
    format: 'vipcard-mydata/1',
    generatedAt: ctx.now,
    subject: { memberNo: member.memberNo, openid: ctx.openid },
    privacyNotice: { version: PRIVACY_NOTICE_VERSION, acceptedVersion: member.consent.version, acceptedAt: member.consent.at },
    notes: [
      '本文件包含品牌会员系统中与您有关的全部个人信息（JSON格式），按数据集合分列。',
      '订阅消息由微信发送，其内容保存在微信，不在品牌系统中；您的订阅授权次数见 members.subscriptions。',
      '会员码密钥仅保存在您的手机上，文件中不显示。',
    ],
    collections,
  }
  const text = withoutOthers(JSON.stringify(file, null, 2), ctx.openid, collections.referrals ?? [])
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(text, 'utf8') })
  try {
    await uploaded(exportId, fileID)
  } catch (e) {
    // Its record could not learn the fileID: the file goes now rather than outlive what tracks it.
    await deleteFiles([fileID]).catch(() => undefined)
    throw e
  }
  const links = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_MAX_AGE_S }] })) as {
    fileList: { status: number; tempFileURL: string; errMsg: string }[]
  }
  const link = links.fileList[0]
  if (!link || link.status !== 0) throw new Error(`getTempFileURL: ${link?.errMsg ?? 'no answer'}`)
  return {
    fileID,
    url: link.tempFileURL,
    // Storage signs links with the real clock.
    expiresAt: new Date(Date.now() + LINK_MAX_AGE_S * 1000).toISOString(),
    bytes: Buffer.byteLength(text),
    counts: Object.fromEntries(Object.entries(collections).map(([k, v]) => [k, v.length])),
  }
})

export const deleteMembership = shopperAction(DeleteMembershipSchema, async (_input, ctx): Promise<DeleteMembershipResult> => {
  const outcome = await eraseMember(ctx.openid, ctx.now, ERASE_BUDGET_MS)
  if (!outcome) throw new AppError('NOT_A_MEMBER', '未找到会员信息：您还不是会员，或会员已注销')
  return outcome
})
