/**
 * 数据导出: the phone's two CSV exports (the `export` function) — every member, and the point ledger of a range of
 * business days — each with what the file holds and who sees phone numbers, and the temporary link the function
 * answers. The range goes to the server as picked: its schema is what refuses a range too long, in its own words.
 */
import { useState } from 'react'
import { Button, DateRangePicker } from 'tdesign-react'
import type { ExportResult } from '../../../../src/api/contract'
import { LEDGER_COLUMNS, MAX_EXPORT_DAYS, MEMBER_COLUMNS, monthSoFar } from '../../../../src/domain/exports'
import { call, DeskError } from '../../cloud'
import { deskPastTime } from '../../wording'
import { exportedWhat, refusalText } from './exportWords'
import './exports.css'

type Kind = 'members' | 'ledger'

interface Finished {
  kind: Kind
  range: { from: string; to: string } | null
  result: ExportResult
}

/** The finished file: what it holds, phone numbers or not, until when the link works, and the link. */
const Result = ({ finished }: { finished: Finished }) => (
  <div className="export-result">
    <p className="export-result__what">{`导出完成：${exportedWhat(finished.kind, finished.result.rows, finished.range)}`}</p>
    {finished.kind === 'members' && (
      <p className={finished.result.pii ? 'export-result__pii export-result__pii--full' : 'export-result__pii'}>
        {finished.result.pii ? '含完整手机号，请妥善保管，勿外传' : '手机号已脱敏（如 138****1234）'}
      </p>
    )}
    <p className="export-result__expiry">{`下载链接 ${deskPastTime(finished.result.expiresAt)} 前有效，本次导出已记录`}</p>
    <p className="export-result__link">
      <a className="t-button t-button--theme-primary t-button--variant-base" href={finished.result.url} download rel="noopener">
        <span className="t-button__text">下载文件</span>
      </a>
      <span className="export-result__url">{finished.result.url}</span>
    </p>
  </div>
)

export default function ExportsPage() {
  const [range, setRange] = useState(() => monthSoFar(new Date().toISOString()))
  const [busy, setBusy] = useState<Kind | null>(null)
  const [error, setError] = useState<{ kind: Kind; message: string } | null>(null)
  const [finished, setFinished] = useState<Finished | null>(null)

  // One export at a time: each reads a whole collection.
  const run = async (kind: Kind, send: () => Promise<ExportResult>, asked: Finished['range']) => {
    if (busy) return
    setBusy(kind)
    setError(null)
    setFinished(null)
    try {
      setFinished({ kind, range: asked, result: await send() })
    } catch (e) {
      setError({ kind, message: e instanceof DeskError ? refusalText(e) : '导出失败，请重试' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="page exports">
      <h2 className="page__title">数据导出</h2>
      <p className="page__lead">导出的 CSV 文件存放在云存储，可用 Excel 打开；每次导出都会记录导出人和内容。</p>

      <div className="export-panel export-panel--members">
        <h3 className="export-panel__title">会员名单</h3>
        <p className="export-panel__about">{`全部会员，每人一行：${MEMBER_COLUMNS.join('、')}。`}</p>
        <p className="export-panel__about">
          手机号：开通了“完整手机号”权限的运营人员导出完整号码，其他人导出脱敏号码（如 138****1234）。权限在“门店与员工 ›
          运营与权限”中设置。
        </p>
        <Button
          theme="primary"
          loading={busy === 'members'}
          disabled={busy !== null}
          onClick={() => void run('members', () => call('export', 'members', {}), null)}
        >
          {busy === 'members' ? '正在导出会员名单…' : '导出会员名单'}
        </Button>
        {error?.kind === 'members' && <p className="page__error">{error.message}</p>}
        {finished?.kind === 'members' && <Result finished={finished} />}
      </div>

      <div className="export-panel export-panel--ledger">
        <h3 className="export-panel__title">积分流水</h3>
        <p className="export-panel__about">{`所选日期内的每一笔积分变动，每笔一行：${LEDGER_COLUMNS.join('、')}。不含手机号。`}</p>
        <div className="export-panel__range">
          <DateRangePicker
            allowInput
            value={[range.from, range.to]}
            valueType="YYYY-MM-DD"
            format="YYYY-MM-DD"
            onChange={(v) => {
              const [from, to] = (v as string[]) ?? []
              if (from && to) setRange({ from, to })
              setError(null)
            }}
          />
          <span className="export-panel__hint">{`按北京时间整天计算，含首尾两天，一次最多 ${MAX_EXPORT_DAYS} 天`}</span>
        </div>
        <Button
          theme="primary"
          loading={busy === 'ledger'}
          disabled={busy !== null}
          onClick={() => {
            const asked = { ...range }
            void run('ledger', () => call('export', 'ledger', asked), asked)
          }}
        >
          {busy === 'ledger' ? '正在导出积分流水…' : '导出积分流水'}
        </Button>
        {error?.kind === 'ledger' && <p className="page__error">{error.message}</p>}
        {finished?.kind === 'ledger' && <Result finished={finished} />}
      </div>
    </section>
  )
}
