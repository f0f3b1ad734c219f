/** PIPL: a child under 14 is not enrolled online; only a given birth year can tell, on the business date. */
import { ageOn, guardianConsentProblem, GUARDIAN_CONSENT_MESSAGE } from '../../src/domain/member'

const day = (year: number, month: number, d: number) => ({ year, month, day: d })

describe('age and guardian consent', () => {
  it('counts whole years: 14 on the 14th birthday, 13 the day before', () => {
    expect(ageOn({ year: 2012, month: 11, day: 23 }, day(2026, 11, 23))).toBe(14)
    expect(ageOn({ year: 2012, month: 11, day: 24 }, day(2026, 11, 23))).toBe(13)
    expect(ageOn({ year: 2012, month: 12, day: 1 }, day(2026, 11, 23))).toBe(13)
    expect(ageOn({ year: 1990, month: 1, day: 1 }, day(2026, 11, 23))).toBe(36)
  })

  it('a 29 February birthday comes on 1 March in other years', () => {
    expect(ageOn({ year: 2012, month: 2, day: 29 }, day(2026, 2, 28))).toBe(13)
    expect(ageOn({ year: 2012, month: 2, day: 29 }, day(2026, 3, 1))).toBe(14)
    expect(ageOn({ year: 2012, month: 2, day: 29 }, day(2028, 2, 29))).toBe(16)
  })

  it('asks for a guardian under 14 only, and never without a birth year', () => {
    expect(guardianConsentProblem({ year: 2012, month: 11, day: 24 }, day(2026, 11, 23))).toBe(GUARDIAN_CONSENT_MESSAGE)
    expect(GUARDIAN_CONSENT_MESSAGE).toContain('未满14周岁需监护人同意')
    expect(guardianConsentProblem({ year: 2012, month: 11, day: 23 }, day(2026, 11, 23))).toBeNull()
    expect(guardianConsentProblem({ month: 11, day: 24 }, day(2026, 11, 23))).toBeNull()
  })
})
