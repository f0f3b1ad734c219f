/**
 * The shopper's own pages beyond the card: the member handbook (generated from the live rules), my profile
 * (sizes, children's sizes, colours, styles, a delivery address, which messages they want) and my home store.
 *
 * Sizes, colours and styles are one set of fields on the member document that the member and the store's
 * staff both edit (staff through workbench.updateCustomerCard); `profile.edits` says who changed each last —
 * see CustomerProfile in src/domain/member.ts for why there is one copy, not two.
 */
import type { HandbookView, HomeStoreView, ProfileView } from '../../src/api/contract'
import type { StoreDoc } from '../_lib/collections'
import { ChangeMobileSchema, ChangeStoreSchema, EmptySchema, UpdateProfileSchema } from '../../src/api/schemas'
import { AppError, invalidInput } from '../../src/domain/errors'
import { handbookChanges } from '../../src/domain/handbook'
import { handbookRules } from '../../src/domain/shopperRules'
import { editProfile, maskMobile, type Birthday, type Member } from '../../src/domain/member'
import { giftText } from '../_lib/coupons'
import { data } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { loadMember, readMemberIn, requireMember, writeMemberIn } from '../_lib/members'
import { loadProgram, storeDetailView } from '../_lib/reference'
import { shopperAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { verifiedMobile } from '../_lib/verifiedPhones'

/** The handbook reads for anyone who opened the mini-program; a member also sees their place on the ladder. */
export const handbook = shopperAction(EmptySchema, async (_input, ctx): Promise<HandbookView> => {
  const [member, rules, versions] = await Promise.all([
    loadMember(ctx.openid),
    loadProgram(),
    // The last 20 saved versions are far more than the news window ever holds.
    data.programVersions.all().orderBy('version', 'desc').limit(20).get(),
  ])
  const [welcome, birthday, referral] = await Promise.all([
    giftText(rules.coupons.welcomeTemplateId),
    giftText(rules.coupons.birthdayTemplateId),
    giftText(rules.referral.inviteeCouponTemplateId),
  ])
  return {
    rules: handbookRules(rules),
    changes: handbookChanges(versions, ctx.now),
    standing: member
      ? {
          tier: member.tier,
          vipUntil: member.vipUntil,
          vipYearEnd: member.vipYearEnd,
          vipYearSpendFen: member.vipYearSpendFen,
          qualifyingSpendFen: member.qualifyingSpendFen,
          lifetimeSpendFen: member.lifetimeSpendFen,
          goldSince: member.goldSince,
        }
      : null,
    serverTime: ctx.now,
    gifts: { welcome, birthday, referral },
  }
})

/** The staff's notes are theirs: neither the note nor the stamp of who wrote it when reaches the member. */
const profileView = (member: Member): ProfileView => {
  const { notes: _staffNotes, edits, ...profile } = member.profile ?? {}
  const { notes: _noteEdit, ...memberEdits } = edits ?? {}
  return {
    name: member.name,
    mobileMasked: maskMobile(member.mobile),
    mobileVerified: member.mobileVerified === true && !member.mobileClaim,
    birthday: member.birthday,
    profile: edits ? { ...profile, edits: memberEdits } : profile,
  }
}

export const profile = shopperAction(EmptySchema, async (_input, ctx) => profileView(await requireMember(ctx.openid)))

const sameBirthday = (a: Birthday, b: Birthday) => a.month === b.month && a.day === b.day && (a.year ?? null) === (b.year ?? null)

export const BIRTHDAY_LOCKED_MESSAGE = '生日已登记，如需更正请到门店由导购办理'

/**
 * All or nothing: every field is checked (the schema, then the birthday against the one on file) before one
 * transaction writes the member document. A birthday is set once, at join; the member may resend it unchanged
 * (a form sends what it shows) but not change it — the birthday coupon and double points hang on it, so a
 * correction goes through staff (staff.correctBirthday, logged with a reason).
 */
export const updateProfile = shopperAction(UpdateProfileSchema, async (input, ctx) => {
  const found = await requireMember(ctx.openid)
  if (input.birthday && !sameBirthday(input.birthday, found.birthday))
    throw invalidInput([{ field: 'birthday', message: BIRTHDAY_LOCKED_MESSAGE }])
  const { name, birthday: _unchanged, ...fields } = input
  const member = await inTransaction(async (t) => {
    const member = await readMemberIn(t, ctx.openid)
    // Read again inside: a staff correction may have landed since.
    if (input.birthday && !sameBirthday(input.birthday, member.birthday))
      throw invalidInput([{ field: 'birthday', message: BIRTHDAY_LOCKED_MESSAGE }])
    const profile = editProfile(member.profile, fields, { by: 'member' }, ctx.now)
    const nextName = name ?? member.name
    if (profile === member.profile && nextName === member.name) return member
    const after: Member = { ...member, name: nextName, profile }
    await writeMemberIn(t, after)
    return after
  })
  return profileView(member)
})

/** The brand has tens of stores, not thousands: one read lists them. */
const allStores = async (): Promise<StoreDoc[]> => (await data.stores.all().limit(200).get()).sort((a, b) => a._id.localeCompare(b._id))

/** The member's store (also when it has closed), and the open stores they may move to. */
const homeStoreView = async (member: Member): Promise<HomeStoreView> => {
  const stores = await allStores()
  const own = stores.find((s) => s._id === member.storeId)
  return { store: own ? storeDetailView(own) : null, stores: stores.filter((s) => s.active !== false).map(storeDetailView) }
}

export const homeStore = shopperAction(EmptySchema, async (_input, ctx) => homeStoreView(await requireMember(ctx.openid)))

/**
 * The member moves to another store. Their shop assistant belongs to the old store, so the new store's
 * manager sees them unassigned (and assigns someone); the move is logged on the member.
 */
export const changeStore = shopperAction(ChangeStoreSchema, async ({ storeId }, ctx) => {
  await requireMember(ctx.openid)
  const store = await data.stores.get(storeId)
  if (!store) throw invalidInput([{ field: 'storeId', message: '没有这家门店' }])
  if (store.active === false) throw invalidInput([{ field: 'storeId', message: '这家门店已停业，请选择其他门店' }])
  const member = await inTransaction(async (t) => {
    const member = await readMemberIn(t, ctx.openid)
    if (member.storeId === storeId) return member
    const after: Member = {
      ...member,
      storeId,
      assistantId: null,
      storeChanges: [...(member.storeChanges ?? []), { from: member.storeId, to: storeId, at: ctx.now }],
    }
    await writeMemberIn(t, after)
    return after
  })
  return homeStoreView(member)
})

/** When changing the number, WeChat's sheet is the only way: there is nothing to type instead. */
const CHANGE_PHONE_WORDS = { askAgain: '请再点一次“更换手机号”重新授权', otherwise: '' }

/**
 * The member's number changes only to the one WeChat verifies for this WeChat (a typed number is nobody's proof).
 * The number is unique among memberships: one another membership or an imported record holds is PHONE_IN_USE,
 * and stays theirs — moving a membership to this WeChat is done in the store, by the manager, with the customer
 * there. The same number again marks it verified (a number typed at join, now proven). Each change is logged on
 * the member (`mobileChanges`, old numbers masked).
 */
export const changeMobile = shopperAction(ChangeMobileSchema, async ({ phoneCode }, ctx) => {
  await requireMember(ctx.openid)
  const mobile = await verifiedMobile(phoneCode, ctx.openid, CHANGE_PHONE_WORDS)
  try {
    const { member, changed } = await inTransaction(async (t) => {
      const member = await readMemberIn(t, ctx.openid)
      if (member.mobile === mobile && member.mobileVerified && !member.mobileClaim) return { member, changed: false }
      const { mobileClaim: _unconfirmed, ...rest } = member
      const after: Member = {
        ...rest,
        mobile,
        mobileVerified: true,
        mobileChanges: [...(member.mobileChanges ?? []), { from: maskMobile(member.mobile), at: ctx.now }],
      }
      await writeMemberIn(t, after)
      return { member: after, changed: member.mobile !== mobile }
    })
    return { mobileMasked: maskMobile(member.mobile), mobileVerified: true as const, changed }
  } catch (e) {
    if (duplicateKeyIndex(e)?.startsWith('mobile')) {
      throw new AppError('PHONE_IN_USE', '该手机号已登记在另一张会员卡上。如那是您的会员卡，请带手机到店，由店长核实后转到您现在的微信')
    }
    throw e
  }
})
