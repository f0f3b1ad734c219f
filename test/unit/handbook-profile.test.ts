/**
 * The handbook's rule news and the customer card's one set of fields, as pure functions: which saved changes
 * the handbook announces (and their effective dates), the service benefits list diffed as a whole, and who
 * changed a profile field last.
 */
import { handbookChanges, HANDBOOK_NEWS_DAYS } from '../../src/domain/handbook'
import { wantsMessage } from '../../src/domain/messagePrefs'
import { editProfile } from '../../src/domain/member'
import { DEFAULT_PROGRAM, withRuleDefaults, type ProgramRules } from '../../src/domain/program'
import { diffRules } from '../../src/domain/programChanges'
import { changeText } from '../../src/wording/program'

const NOW = '2026-11-23T06:00:00.000Z'
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString()

describe('handbook news', () => {
  it('announces the latest change of each rule a shopper reads, dated when its version was saved', () => {
    const changes = handbookChanges(
      [
        { at: daysAgo(30), changes: [{ path: 'vip.cumulativeFen', from: 180_000, to: 250_000 }] },
        {
          at: daysAgo(3),
          changes: [
            { path: 'vip.cumulativeFen', from: 250_000, to: 300_000 },
            { path: 'workbench.callbackEveryDays', from: 30, to: 20 },
          ],
        },
      ],
      NOW,
    )
    expect(changes).toEqual([{ path: 'vip.cumulativeFen', from: 250_000, to: 300_000, at: daysAgo(3) }])
  })

  it('leaves out changes older than the news window, and the internal thresholds', () => {
    const changes = handbookChanges(
      [
        { at: daysAgo(HANDBOOK_NEWS_DAYS + 1), changes: [{ path: 'gold.lifetimeFen', from: 500_000, to: 600_000 }] },
        {
          at: daysAgo(1),
          changes: [
            { path: 'referral.burstJoins', from: 5, to: 6 },
            { path: 'segments.classes.0.minVisits', from: 6, to: 8 },
          ],
        },
      ],
      NOW,
    )
    expect(changes).toEqual([])
  })
})

describe('service benefits as rules', () => {
  it('diffs the list as one change and words it', () => {
    const after: ProgramRules = { ...DEFAULT_PROGRAM, serviceBenefits: [{ title: '免费熨烫', detail: '', tiers: ['vip', 'gold'] }] }
    const changes = diffRules(DEFAULT_PROGRAM, after)
    expect(changes.map((c) => c.path)).toEqual(['serviceBenefits'])
    expect(changeText(changes[0])).toMatch(/^会员服务权益 .* → 免费熨烫（VIP会员、金卡会员）$/)
  })

  it('fills the default list into rules saved before it existed', () => {
    const { serviceBenefits: _none, ...old } = DEFAULT_PROGRAM
    expect(withRuleDefaults(old as ProgramRules).serviceBenefits).toEqual(DEFAULT_PROGRAM.serviceBenefits)
  })
})

describe('the customer card, kept by the member and the staff', () => {
  it('replaces only the fields sent and stamps who changed each', () => {
    const byMember = editProfile({ shoeSize: '37', notes: '喜欢羊绒' }, { clothingSize: 'M', shoeSize: '37' }, { by: 'member' }, NOW)
    expect(byMember).toEqual({ clothingSize: 'M', shoeSize: '37', notes: '喜欢羊绒', edits: { clothingSize: { by: 'member', at: NOW } } })
    const byStaff = editProfile(byMember, { clothingSize: 'L' }, { by: 'staff', staffId: 'A01', name: '王丽' }, daysAgo(-1))
    expect(byStaff.edits).toEqual({ clothingSize: { by: 'staff', staffId: 'A01', name: '王丽', at: daysAgo(-1) } })
  })

  it('returns the same profile when nothing really changed (an emptied field equals a missing one)', () => {
    const profile = { clothingSize: 'M', colours: [] }
    expect(editProfile(profile, { clothingSize: 'M', shoeSize: '', colours: [] }, { by: 'member' }, NOW)).toBe(profile)
    expect(editProfile(undefined, { shoeSize: '', colours: [] }, { by: 'member' }, NOW)).toBeUndefined()
  })
})

describe('the kinds of messages a member wants', () => {
  it('holds back a kind switched off, and sends as before when never chosen', () => {
    const off = { messages: { newArrivals: true, events: false, birthday: false, pointsExpiry: true } }
    expect(wantsMessage(off, 'birthdayCoupon')).toBe(false)
    expect(wantsMessage(off, 'eventReminder')).toBe(false)
    expect(wantsMessage(off, 'waitlistPromoted')).toBe(false)
    expect(wantsMessage({ messages: { ...off.messages, birthday: true } }, 'birthdayCoupon')).toBe(true)
    expect(wantsMessage(undefined, 'birthdayCoupon')).toBe(true)
    expect(wantsMessage({}, 'eventReminder')).toBe(true)
  })
})
