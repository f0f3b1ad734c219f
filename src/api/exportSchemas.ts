/** Inputs of the `export` function: the operators' CSV exports. */
import * as v from 'valibot'
import { MAX_EXPORT_DAYS, businessDaysIncluded, isBusinessDate } from '../domain/exports'

/** A business date for an export range: the format, then the calendar (no 30 February). */
const exportDate = (label: string) =>
  v.pipe(
    v.string(`请选择${label}`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`),
    v.check(isBusinessDate, `${label}不存在`),
  )

/** A ledger export: business days (Asia/Shanghai), both included, at most a year. */
export const LedgerExportSchema = v.pipe(
  v.object({ from: exportDate('开始日期'), to: exportDate('结束日期') }),
  v.forward(
    v.check((r) => r.from <= r.to, '结束日期不能早于开始日期'),
    ['to'],
  ),
  v.forward(
    v.check((r) => r.from > r.to || businessDaysIncluded(r.from, r.to) <= MAX_EXPORT_DAYS, `一次最多导出 ${MAX_EXPORT_DAYS} 天`),
    ['to'],
  ),
)
export type LedgerExportInput = v.InferInput<typeof LedgerExportSchema>
