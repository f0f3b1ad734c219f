/**
 * The join page opened by a friend's invitation, on Taro's H5 runtime: from a share link (`ref=CODE`, with
 * the inviter's name) or a poster's mini-program code (scene `r=CODE`), it greets the friend and passes the
 * code to member.join; a store QR's scene still goes as the store's, and the two never mix.
 */
import { screen, waitFor } from '@testing-library/dom'
import { DEFAULT_PROGRAM } from '../../src/domain/program'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { memberView } from './support/fixtures'
import { currentRoute, openPage, textOf, visiblePage } from './support/harness'
import { pick, tap, typeInto } from './support/interact'

/** Someone who has not joined; once `join` succeeds, the card exists. */
const notYetAMember = () => {
  let joinedAs: string | null = null
  const cloud = installFakeCloud({
    'member.getCard': () =>
      joinedAs
        ? ok({ member: memberView({ name: joinedAs }), program: DEFAULT_PROGRAM, serverTime: '2026-11-23T06:00:00.000Z' })
        : fail('NOT_A_MEMBER', '您还不是会员，请先注册'),
    'member.joinOffer': () => ok({ storeName: null, assistantName: null, assistantLeft: false, welcomeGift: null }),
    'member.join': (input) => {
      joinedAs = (input as { name: string }).name
      return ok({ created: true })
    },
  })
  return { joinInput: () => cloud.calls.find((c) => c.action === 'join')?.input as Record<string, unknown> | undefined }
}

/** Fills the form as 王芳 and joins; answers what member.join was sent. */
const join = async (joinInput: () => Record<string, unknown> | undefined) => {
  tap('手动填写')
  await typeInto('称呼', '王芳')
  await typeInto('手机号', '13712345678')
  pick('生日', [2, 7]) // 3月8日
  await screen.findByText('3月8日')
  tap('我已阅读并同意')
  await waitFor(() => expect(visiblePage().querySelector('.join-page__submit')!.className).not.toContain('btn--disabled'))
  tap('立即加入')
  await screen.findByText('王芳')
  expect(currentRoute()).toBe('/pages/card/index')
  return joinInput()!
}

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('joining on a friend’s invitation', () => {
  it('greets the friend by the inviter’s name from a share link and joins with the code', async () => {
    const { joinInput } = notYetAMember()
    await openPage(`/pages/join/index?ref=LNAB88&from=${encodeURIComponent('李娜')}`)
    await screen.findByText('立即加入')
    expect(textOf('.join-page__invited')).toBe('好友 李娜 邀请你加入')
    const input = await join(joinInput)
    expect(input.referral).toBe('LNAB88')
    expect(input).not.toHaveProperty('scene')
  })

  it('reads a poster’s scene (r=CODE, URL-encoded) as the invitation, never as a store QR', async () => {
    const { joinInput } = notYetAMember()
    await openPage(`/pages/join/index?scene=${encodeURIComponent('r=LNAB88')}`)
    await screen.findByText('立即加入')
    // A poster carries only the code: the friend is greeted without a name.
    expect(textOf('.join-page__invited')).toBe('好友邀请你加入')
    const input = await join(joinInput)
    expect(input.referral).toBe('LNAB88')
    expect(input).not.toHaveProperty('scene')
  })

  it('still sends a store QR’s scene as the store’s, with no invitation', async () => {
    const { joinInput } = notYetAMember()
    await openPage(`/pages/join/index?scene=${encodeURIComponent('s=SH001&a=A01')}`)
    await screen.findByText('立即加入')
    expect(textOf('.join-page__invited')).toBeNull()
    const input = await join(joinInput)
    expect(input.scene).toBe('s=SH001&a=A01')
    expect(input).not.toHaveProperty('referral')
  })

  it('ignores a code that is no referral code, name and all', async () => {
    const { joinInput } = notYetAMember()
    await openPage(`/pages/join/index?ref=not-a-code&from=${encodeURIComponent('客服')}`)
    await screen.findByText('立即加入')
    expect(textOf('.join-page__invited')).toBeNull()
    const input = await join(joinInput)
    expect(input).not.toHaveProperty('referral')
  })

  it('keeps a long name in the link to a greeting’s length', async () => {
    notYetAMember()
    await openPage(`/pages/join/index?ref=LNAB88&from=${encodeURIComponent('一二三四五六七八九十一二三四五六')}`)
    await screen.findByText('立即加入')
    expect(textOf('.join-page__invited')).toBe('好友 一二三四五六七八九十一二 邀请你加入')
  })
})
