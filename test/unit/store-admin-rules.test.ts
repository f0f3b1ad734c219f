/**
 * The rules behind the desk's 门店与员工 pages: a store's phone, map point and opening hours (src/domain/stores.ts),
 * operators' permissions (src/domain/operators.ts) and invitations (src/domain/invitations.ts).
 */
import { areasOf, changeProblem, grantProblem, holdsArea, keepsAnAdministrator, OPERATOR_AREAS } from '../../src/domain/operators'
import { ROUTES } from '../../src/routes'
import { ACCEPT_PAGE, CODE_PATTERN, expiresAt, invitationState, normalizeInvitationCode } from '../../src/domain/invitations'
import {
  isOpenAt,
  mapPointProblems,
  openingHoursText,
  storePhoneProblem,
  weeklyHoursProblems,
  type WeeklyHours,
} from '../../src/domain/stores'
import { at } from '../support/clock'

const DAY = { opens: '10:00', closes: '22:00' }
const EVERY_DAY: WeeklyHours = { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY, sun: DAY }

describe('a store’s phone', () => {
  it.each([
    '010-6417-8866',
    '0755 8888 6666',
    '02162880001',
    '021-6288-0001转123',
    '13812345678',
    '138 1234 5678',
    '400-820-8820',
    '800 810 8888',
  ])('takes %s', (phone) => expect(storePhoneProblem(phone)).toBeNull())
  it.each([
    '12345',
    '6288-0001',
    '1381234567',
    '23812345678',
    '010-6417-8866转',
    '010-6417-8866转1234567',
    'tel:010-6417-8866',
    '010--',
    '+86 13812345678',
  ])('refuses %s', (phone) => expect(storePhoneProblem(phone)).not.toBeNull())
})

describe('a map point (GCJ-02)', () => {
  it('takes a point in China and refuses one outside or out of range, by coordinate', () => {
    expect(mapPointProblems({ latitude: 31.2243, longitude: 121.4457 })).toEqual([])
    expect(mapPointProblems({ latitude: 48.85, longitude: 2.35 }).map((p) => p.field)).toEqual(['longitude'])
    expect(mapPointProblems({ latitude: -91, longitude: 181 }).map((p) => p.field)).toEqual(['latitude', 'longitude'])
    expect(mapPointProblems({ latitude: Number.NaN, longitude: 121 }).map((p) => p.field)).toEqual(['latitude'])
  })
})

describe('opening hours', () => {
  it('reads as one range when every day is the same, as the shopper’s page always showed it', () => {
    expect(openingHoursText(EVERY_DAY)).toBe('10:00–22:00')
  })
  it('groups runs of days with the same hours, and days off', () => {
    const week: WeeklyHours = {
      ...EVERY_DAY,
      fri: { opens: '10:00', closes: '22:30' },
      sat: { opens: '10:00', closes: '22:30' },
      sun: null,
    }
    expect(openingHoursText(week)).toBe('周一至周四 10:00–22:00；周五、周六 10:00–22:30；周日 休息')
    expect(openingHoursText({ ...EVERY_DAY, wed: null })).toBe('周一、周二 10:00–22:00；周三 休息；周四至周日 10:00–22:00')
  })
  it('refuses a day that closes before it opens or a time that is no time', () => {
    expect(weeklyHoursProblems(EVERY_DAY)).toEqual([])
    expect(
      weeklyHoursProblems({ ...EVERY_DAY, mon: { opens: '22:00', closes: '10:00' }, thu: { opens: '9:00', closes: '24:00' } }),
    ).toEqual([
      { field: 'hours.mon', message: '周一打烊时间应晚于开门时间' },
      { field: 'hours.thu', message: '周四开门时间应为 HH:mm（如 10:00）' },
    ])
    expect(weeklyHoursProblems({ ...EVERY_DAY, sun: { opens: '08:00', closes: '24:00' } })).toEqual([])
  })
  it('says whether the store is open at an instant, in business time whatever the host’s zone', () => {
    const week: WeeklyHours = { ...EVERY_DAY, sun: null }
    // 2026-11-23 is a Monday.
    expect(isOpenAt(week, at('2026-11-23T09:59:00'))).toBe(false)
    expect(isOpenAt(week, at('2026-11-23T10:00:00'))).toBe(true)
    expect(isOpenAt(week, at('2026-11-23T21:59:00'))).toBe(true)
    expect(isOpenAt(week, at('2026-11-23T22:00:00'))).toBe(false)
    expect(isOpenAt(week, at('2026-11-29T12:00:00'))).toBe(false)
  })
})

describe('operators’ permissions', () => {
  it('a record without areas holds every area: the owner, and operators from before areas existed', () => {
    expect(areasOf({})).toEqual([...OPERATOR_AREAS])
    expect(holdsArea({ permissions: ['exportPII'] }, 'catalog')).toBe(true)
    expect(holdsArea({ areas: ['marketing'] }, 'catalog')).toBe(false)
    expect(holdsArea({ areas: [] }, 'stores')).toBe(false)
  })
  it('grants only what the granter holds; full phone numbers only from one who has them or every area', () => {
    expect(grantProblem({ areas: ['stores', 'catalog'] }, { areas: ['catalog'], exportPII: false })).toBeNull()
    expect(grantProblem({ areas: ['stores', 'catalog'] }, { areas: ['catalog', 'rules'], exportPII: false })).toMatch(/规则/)
    expect(grantProblem({ areas: ['stores'] }, { areas: [], exportPII: true })).toMatch(/完整手机号/)
    expect(grantProblem({ areas: ['stores'], permissions: ['exportPII'] }, { areas: [], exportPII: true })).toBeNull()
    expect(grantProblem({}, { areas: [...OPERATOR_AREAS], exportPII: true })).toBeNull()
  })
  it('a change touches only the areas the one making it holds, adding or removing', () => {
    const admin = { areas: ['stores', 'catalog'] as const }
    expect(changeProblem(admin, { areas: ['reports', 'catalog'] }, { areas: ['reports'], exportPII: false })).toBeNull()
    expect(changeProblem(admin, { areas: ['reports', 'catalog'] }, { areas: ['catalog'], exportPII: false })).toMatch(/报表/)
    expect(changeProblem(admin, {}, { areas: [], exportPII: false })).not.toBeNull()
    expect(changeProblem(admin, { permissions: ['exportPII'], areas: [] }, { areas: [], exportPII: false })).toMatch(/完整手机号/)
  })
  it('someone active must still hold “stores” after a change', () => {
    expect(keepsAnAdministrator([{ active: true, areas: ['members'] }, { active: false }])).toBe(false)
    expect(keepsAnAdministrator([{ active: true, areas: ['members'] }, { active: true }])).toBe(true)
  })
})

describe('invitations', () => {
  it('are open for a day (staff) or 7 days (operators), then expired; used once', () => {
    const made = at('2026-11-23T10:00:00')
    const staff = { usedAt: null, expiresAt: expiresAt(made, 'staff') }
    expect(invitationState(staff, at('2026-11-24T09:59:59'))).toBe('open')
    expect(invitationState(staff, at('2026-11-24T10:00:00'))).toBe('expired')
    const inv = { usedAt: null, expiresAt: expiresAt(made, 'operator') }
    expect(inv.expiresAt).toBe(at('2026-11-30T10:00:00'))
    expect(invitationState(inv, at('2026-11-30T09:59:59'))).toBe('open')
    expect(invitationState(inv, at('2026-11-30T10:00:00'))).toBe('expired')
    expect(invitationState({ ...inv, usedAt: made }, made)).toBe('used')
  })
  it('are accepted on the staff subpackage’s invite page, which the app declares', () => {
    expect(`/${ACCEPT_PAGE}`).toBe(ROUTES.staffInvite)
  })
  it('take a code as people type it', () => {
    expect(normalizeInvitationCode('abcd-ef23')).toBe('ABCDEF23')
    expect(CODE_PATTERN.test(normalizeInvitationCode(' abcd ef23 '))).toBe(true)
    expect(CODE_PATTERN.test('ABCDEF20')).toBe(false) // no 0: it reads as O
  })
})
