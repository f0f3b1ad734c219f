/**
 * The operator's referral review on Taro's H5 runtime: held referrals first with why they were held, the
 * other statuses a tab away, and approve / reject after a confirmation that says what the decision does.
 */
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { ReferralView } from '../../src/api/contract'
import { setPhoneClock } from './support/clock'
import { fail, installFakeCloud, ok, type AnswerFor } from './support/fakeCloud'
import { openPage, textOf, visiblePage } from './support/harness'
import { tap } from './support/interact'

const OPERATOR = { operatorId: 'OP01', name: '陈静' }

const referral = (overrides: Partial<ReferralView> = {}): ReferralView => ({
  invitee: { name: '王芳', memberNo: '20261123017' },
  inviter: { name: '李娜', memberNo: '20261123002' },
  joinedAt: '2026-11-22T06:05:00.000Z',
  status: 'held',
  flags: ['好友手机号与邀请人号段相同'],
  ...overrides,
})

type Status = ReferralView['status']
type Review = { inviteeCode: string; decision: 'approve' | 'reject' }
/** The server as a table of referrals; a review answers as told, or (told nothing) as the server decides. */
const openReview = async (shown: ReferralView[], review?: (input: Review) => AnswerFor<'ops.reviewReferral'> | undefined) => {
  let referrals = shown
  const cloud = installFakeCloud({
    'ops.whoami': () => ok(OPERATOR),
    'ops.referrals': (input) => ok({ referrals: referrals.filter((r) => r.status === ((input as { status?: Status }).status ?? 'held')) }),
    'ops.reviewReferral': (input) => {
      const { inviteeCode, decision } = input as Review
      const answer = review?.(input as Review)
      if (answer) return answer
      const reviewed: ReferralView = {
        ...referrals.find((r) => r.invitee.memberNo === inviteeCode)!,
        status: decision === 'approve' ? 'rewarded' : 'rejected',
      }
      referrals = referrals.map((r) => (r.invitee.memberNo === inviteeCode ? reviewed : r))
      return ok({ referral: reviewed })
    },
  })
  await openPage('/ops/referrals/index')
  return {
    listed: () => cloud.calls.filter((c) => c.action === 'referrals').map((c) => c.input),
    reviews: () => cloud.calls.filter((c) => c.action === 'reviewReferral').map((c) => c.input),
  }
}

const entries = () => Array.from(visiblePage().querySelectorAll<HTMLElement>('.ops-referral'))
const entryOf = (name: string) => entries().find((e) => e.querySelector('.ops-referral__invitee')?.textContent === name)!
const tab = (words: string) =>
  fireEvent.click(Array.from(visiblePage().querySelectorAll<HTMLElement>('.ops-direction__option')).find((o) => o.textContent === words)!)

const HELD_PHONE = referral()
const HELD_STAFF = referral({
  invitee: { name: '赵敏', memberNo: '20261123025' },
  inviter: { name: '王丽', memberNo: '20261123009' },
  flags: ['短时间内大量好友加入', '邀请人为导购且亲自录入好友首单'],
})
const PENDING = referral({ invitee: { name: '孙悦', memberNo: '20261123033' }, status: 'pending', flags: [] })

beforeAll(() => setPhoneClock('2026-11-23T06:00:00.000Z'))

describe('referral review', () => {
  it('opens on the held referrals, each with who invited whom, when, and why it was held, in words', async () => {
    const { listed } = await openReview([HELD_PHONE, HELD_STAFF, PENDING])
    await screen.findByText('王芳')
    expect(listed()).toEqual([{ status: 'held' }])
    expect(Array.from(visiblePage().querySelectorAll('.ops-direction__option'), (o) => o.textContent)).toEqual([
      '待审核',
      '待消费',
      '已奖励',
      '超上限',
      '已驳回',
    ])
    expect(entries().map((e) => e.querySelector('.ops-referral__invitee')!.textContent)).toEqual(['王芳', '赵敏'])
    const zhao = entryOf('赵敏')
    expect(zhao.querySelector('.ops-referral__no')!.textContent).toBe('2026 1123 025')
    expect(Array.from(zhao.querySelectorAll('.ops-referral__line'), (l) => l.textContent)).toEqual([
      '邀请人 王丽 · 2026 1123 009',
      '2026-11-22 14:05 加入',
    ])
    expect(Array.from(zhao.querySelectorAll('.ops-referral__flag'), (f) => f.textContent)).toEqual([
      '短时间内大量好友加入',
      '邀请人为导购且亲自录入好友首单',
    ])
    expect(zhao.querySelector('.ops-referral__status')!.textContent).toBe('待审核')
  })

  it('lists the other statuses a tab away, with nothing to approve there', async () => {
    const { listed } = await openReview([HELD_PHONE, PENDING])
    await screen.findByText('王芳')
    tab('待消费')
    await screen.findByText('孙悦')
    expect(listed()).toEqual([{ status: 'held' }, { status: 'pending' }])
    expect(entryOf('孙悦').querySelector('.ops-referral__status')!.textContent).toBe('待首次消费')
    expect(entryOf('孙悦').querySelector('.ops-referral__actions')).toBeNull()
    tab('已驳回')
    await screen.findByText('没有已驳回的邀请')
  })

  it('approves a held referral only after the confirmation, and names the outcome', async () => {
    const { reviews } = await openReview([HELD_PHONE, HELD_STAFF])
    await screen.findByText('王芳')
    fireEvent.click(entryOf('王芳').querySelector('.ops-referral__action--approve')!)
    await screen.findByText('确认通过')
    expect(textOf('.ops-confirm__title')).toBe('通过 王芳 的邀请')
    expect(textOf('.ops-confirm')).toContain('好友手机号与邀请人号段相同')
    expect(textOf('.ops-confirm')).toContain('通过后按规则奖励邀请人')
    expect(reviews()).toEqual([])

    // Second thoughts: back to the list, nothing sent.
    tap('返回')
    await screen.findByText('赵敏')
    expect(reviews()).toEqual([])

    fireEvent.click(entryOf('王芳').querySelector('.ops-referral__action--approve')!)
    await screen.findByText('确认通过')
    tap('确认通过')
    await screen.findByText('已通过 王芳 的邀请，现为「已奖励」')
    expect(reviews()).toEqual([{ inviteeCode: '20261123017', decision: 'approve' }])
    // The held list is read again: 王芳 has left it.
    await waitFor(() => expect(entries().map((e) => e.querySelector('.ops-referral__invitee')!.textContent)).toEqual(['赵敏']))
  })

  it('rejects after saying it cannot be undone', async () => {
    const { reviews } = await openReview([HELD_STAFF])
    await screen.findByText('赵敏')
    fireEvent.click(entryOf('赵敏').querySelector('.ops-referral__action--reject')!)
    await screen.findByText('确认驳回')
    expect(textOf('.ops-confirm')).toContain('驳回后这位好友的邀请不再奖励邀请人，且不可撤销。')
    tap('确认驳回')
    await screen.findByText('已驳回 赵敏 的邀请')
    expect(reviews()).toEqual([{ inviteeCode: '20261123025', decision: 'reject' }])
    await screen.findByText('没有待审核的邀请')
  })

  it('shows a refusal (reviewed meanwhile by someone else) and the list as it now stands', async () => {
    const { listed } = await openReview([HELD_PHONE], () =>
      fail('INVALID_INPUT', '该邀请不在待审核状态', [{ field: 'inviteeCode', message: '该邀请不在待审核状态' }]),
    )
    await screen.findByText('王芳')
    fireEvent.click(entryOf('王芳').querySelector('.ops-referral__action--approve')!)
    await screen.findByText('确认通过')
    tap('确认通过')
    await screen.findByText('该邀请不在待审核状态')
    await waitFor(() => expect(listed()).toHaveLength(2))
  })

  it('keeps the confirmation when no answer came, to retry', async () => {
    let attempts = 0
    const { reviews } = await openReview([HELD_PHONE], () => (++attempts === 1 ? new Error('socket hang up') : undefined))
    await screen.findByText('王芳')
    fireEvent.click(entryOf('王芳').querySelector('.ops-referral__action--approve')!)
    await screen.findByText('确认通过')
    tap('确认通过')
    await screen.findByText('未收到结果，可放心重试：同一邀请只会审核一次。')
    tap('重试提交')
    await screen.findByText('已通过 王芳 的邀请，现为「已奖励」')
    expect(reviews()).toHaveLength(2)
  })
})
