/** What 数据导出 says about a file and about a refusal, apart from React (tested in test/desk/). */
import type { FieldError } from '../../../../src/domain/errors'
import { formatPoints } from '../../../../src/wording/points'

/** "会员名单 · 1,204 位会员", "积分流水 · 2026-12-01 至 2026-12-07（北京时间）· 36 条": the phone's words. */
export const exportedWhat = (kind: 'members' | 'ledger', rows: number, range: { from: string; to: string } | null): string =>
  kind === 'members'
    ? `会员名单 · ${formatPoints(rows)} 位会员`
    : `积分流水 · ${range ? `${range.from} 至 ${range.to}（北京时间）· ` : ''}${formatPoints(rows)} 条`

/** A refusal in the function's own words: each refused field's message (e.g. the range too long), else the message. */
export const refusalText = (e: { message: string; fields?: readonly FieldError[] }): string => {
  const fields = [...new Set((e.fields ?? []).map((f) => f.message))]
  return fields.length > 0 ? fields.join('；') : e.message
}
