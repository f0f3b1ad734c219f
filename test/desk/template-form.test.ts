/**
 * The coupon template form turns what an operator types (yuan, 折, business days) into exact integers and instants,
 * and an existing template back into the form, unchanged by the round trip.
 */
import type { CouponTemplateRow } from '../../src/api/contract'
import { EMPTY_TEMPLATE, formOf, inputOf, percentOffOf } from '../../desk/src/pages/offers/templateForm'

describe('a discount typed as 折', () => {
  it.each([
    ['7', 30],
    ['8.5', 15],
    ['9.9', 1],
    ['0.1', 99],
  ])('%s折 is %i%% off', (zhe, percent) => expect(percentOffOf(zhe)).toBe(percent))

  it.each(['', '10', '7.25', '七', '-1', '7折'])('refuses %j (the server names the field)', (zhe) => expect(percentOffOf(zhe)).toBeNaN())
})

describe('money typed in yuan', () => {
  it('is sent in fen, exactly', () => {
    const input = inputOf({ ...EMPTY_TEMPLATE, kind: 'amountOff', amountOffYuan: '19.99', minSpendYuan: '1,280.50' })
    expect(input.benefit).toEqual({ kind: 'amountOff', amountOffFen: 1_999, minSpendFen: 128_050 })
  })

  it('sends what is not money as NaN, which the server refuses for that field', () => {
    const input = inputOf({ ...EMPTY_TEMPLATE, kind: 'amountOff', amountOffYuan: '五十', minSpendYuan: '' })
    expect(input.benefit).toEqual({ kind: 'amountOff', amountOffFen: Number.NaN, minSpendFen: 0 })
  })
})

describe('a fixed window typed as business days', () => {
  it('starts at the first day’s midnight in Shanghai and ends after the last day (exclusive)', () => {
    const input = inputOf({ ...EMPTY_TEMPLATE, validityKind: 'fixed', fromDate: '2026-12-01', toDate: '2026-12-31' })
    expect(input.validity).toEqual({ kind: 'fixed', from: '2026-12-01T00:00:00+08:00', until: '2026-12-31T16:00:00.000Z' })
  })
})

it('turns a saved template into the form and back into the same input', () => {
  const row: CouponTemplateRow = {
    id: 'tpl-1',
    title: '冬季 85 折',
    note: '限正价商品',
    benefit: { kind: 'percentOff', percentOff: 15 },
    benefitText: '8.5折',
    validity: { kind: 'fixed', from: '2026-12-01T00:00:00+08:00', until: '2026-12-31T16:00:00.000Z' },
    validityText: '',
    tiers: ['vip', 'gold'],
    stock: { total: 300, issued: 20, left: 280 },
    combinesWithVipPrice: true,
    active: true,
    createdAt: null,
    updatedAt: null,
    revision: 3,
    usedBy: [],
  }
  expect(inputOf(formOf(row))).toEqual({
    title: row.title,
    note: row.note,
    benefit: row.benefit,
    validity: row.validity,
    tiers: row.tiers,
    stockTotal: 300,
    combinesWithVipPrice: true,
  })
})
