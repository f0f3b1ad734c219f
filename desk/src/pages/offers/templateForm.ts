/**
 * The coupon template form's state and how it becomes `setup.saveCouponTemplate`'s input: money typed in yuan (to fen
 * exactly), a discount typed as 折 (7折 = 30% off), a fixed window as business days (its end day included).
 */
import type { CouponTemplateRow } from '../../../../src/api/contract'
import type { SaveCouponTemplateInput } from '../../../../src/api/catalogAdminSchemas'
import { parseYuanToFen } from '../../../../src/domain/money'
import type { TierId } from '../../../../src/domain/program'
import { businessDate, lastCoveredBusinessDate, startOfNextBusinessDay } from '../../../../src/domain/time'

export interface TemplateForm {
  title: string
  note: string
  kind: 'percentOff' | 'amountOff' | 'gift'
  /** "7" or "8.5": the share paid, in tenths. */
  zhe: string
  amountOffYuan: string
  minSpendYuan: string
  giftName: string
  validityKind: 'daysFromIssue' | 'birthdayMonth' | 'fixed'
  days: number | undefined
  fromDate: string
  toDate: string
  tiers: TierId[]
  unlimited: boolean
  stockTotal: number | undefined
  combinesWithVipPrice: boolean
}

export const EMPTY_TEMPLATE: TemplateForm = {
  title: '',
  note: '',
  kind: 'amountOff',
  zhe: '',
  amountOffYuan: '',
  minSpendYuan: '0',
  giftName: '',
  validityKind: 'daysFromIssue',
  days: 30,
  fromDate: '',
  toDate: '',
  tiers: ['member', 'vip', 'gold'],
  unlimited: true,
  stockTotal: undefined,
  combinesWithVipPrice: false,
}

const yuanOf = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

export const formOf = (t: CouponTemplateRow): TemplateForm => ({
  ...EMPTY_TEMPLATE,
  title: t.title,
  note: t.note,
  kind: t.benefit.kind,
  zhe: t.benefit.kind === 'percentOff' ? String((100 - t.benefit.percentOff) / 10) : '',
  amountOffYuan: t.benefit.kind === 'amountOff' ? yuanOf(t.benefit.amountOffFen) : '',
  minSpendYuan: t.benefit.kind === 'amountOff' ? yuanOf(t.benefit.minSpendFen) : '0',
  giftName: t.benefit.kind === 'gift' ? t.benefit.giftName : '',
  validityKind: t.validity.kind,
  days: t.validity.kind === 'daysFromIssue' ? t.validity.days : 30,
  fromDate: t.validity.kind === 'fixed' ? businessDate(t.validity.from) : '',
  toDate: t.validity.kind === 'fixed' ? lastCoveredBusinessDate(t.validity.until) : '',
  tiers: t.tiers,
  unlimited: t.stock.total === null,
  stockTotal: t.stock.total ?? undefined,
  combinesWithVipPrice: t.combinesWithVipPrice,
})

/** 7 → 30 (% off), 8.5 → 15; NaN for what is not a 折 with at most one decimal (the server names the field). */
export const percentOffOf = (zhe: string): number => {
  if (!/^\d(\.\d)?$/.test(zhe.trim())) return Number.NaN
  return 100 - Math.round(Number(zhe) * 10)
}

const dayStart = (date: string) => `${date}T00:00:00+08:00`

export const inputOf = (f: TemplateForm): Omit<SaveCouponTemplateInput, 'requestId' | 'templateId' | 'revision'> => ({
  title: f.title,
  note: f.note,
  benefit:
    f.kind === 'percentOff'
      ? { kind: 'percentOff', percentOff: percentOffOf(f.zhe) }
      : f.kind === 'amountOff'
        ? {
            kind: 'amountOff',
            amountOffFen: parseYuanToFen(f.amountOffYuan) ?? Number.NaN,
            minSpendFen: parseYuanToFen(f.minSpendYuan || '0') ?? Number.NaN,
          }
        : { kind: 'gift', giftName: f.giftName },
  validity:
    f.validityKind === 'daysFromIssue'
      ? { kind: 'daysFromIssue', days: f.days ?? 0 }
      : f.validityKind === 'birthdayMonth'
        ? { kind: 'birthdayMonth' }
        : {
            kind: 'fixed',
            from: f.fromDate ? dayStart(f.fromDate) : '',
            until: f.toDate ? startOfNextBusinessDay(dayStart(f.toDate)) : '',
          },
  tiers: f.tiers,
  stockTotal: f.unlimited ? null : (f.stockTotal ?? 0),
  combinesWithVipPrice: f.combinesWithVipPrice,
})
