/**
 * Above a desk table while rows are ticked: "已选 N 项", the page's bulk buttons (each acting on the ticked rows it
 * applies to), the count while one runs, and after it what happened with each failure and why.
 */
import { Button, Space, type TableRowData } from 'tdesign-react'
import { bulkSummary, type BulkAction } from './useBulkAction'
import type { RowSelection } from './useRowSelection'

export interface BulkButton<R> {
  /** The verb: 停用, 上架, 通过. */
  label: string
  /** The ticked rows this button acts on (a retired template is not retired again); none: the button is off. */
  rows: R[]
  danger?: boolean
  onClick: (rows: R[]) => void
}

interface Props<R extends TableRowData> {
  selection: RowSelection<R>
  bulk: BulkAction<R>
  buttons: BulkButton<R>[]
}

export const BulkBar = <R extends TableRowData>({ selection, bulk, buttons }: Props<R>) => (
  <>
    {(selection.rows.length > 0 || bulk.running) && (
      <div className="bulk-bar" role="toolbar" aria-label="批量操作">
        <span className="bulk-bar__count">{`已选 ${selection.rows.length} 项`}</span>
        <Space size={8}>
          {buttons.map((b) => (
            <Button
              key={b.label}
              size="small"
              variant="outline"
              theme={b.danger ? 'danger' : 'primary'}
              disabled={bulk.running || b.rows.length === 0}
              onClick={() => b.onClick(b.rows)}
            >
              {b.rows.length < selection.rows.length ? `${b.label}（${b.rows.length}）` : b.label}
            </Button>
          ))}
          <Button size="small" variant="text" disabled={bulk.running} onClick={selection.clear}>
            取消选择
          </Button>
        </Space>
        {bulk.progress && (
          <span className="bulk-bar__progress" role="status">
            {`正在${bulk.progress.action} ${bulk.progress.done}/${bulk.progress.total}…`}
          </span>
        )}
      </div>
    )}
    {bulk.result && (
      <div className={`bulk-result${bulk.result.failures.length ? ' bulk-result--failed' : ''}`} role="status">
        <div className="bulk-result__head">
          <strong>{bulkSummary(bulk.result)}</strong>
          <Button size="small" variant="text" onClick={bulk.dismiss}>
            知道了
          </Button>
        </div>
        {bulk.result.failures.length > 0 && (
          <ul className="bulk-result__failures">
            {bulk.result.failures.map((f, i) => (
              <li key={i}>{`${f.name}：${f.message}`}</li>
            ))}
          </ul>
        )}
      </div>
    )}
  </>
)
