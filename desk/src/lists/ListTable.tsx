/**
 * A desk table over a cursor list: the refusal if a page failed, the rows with their sort bound to the list's, and
 * the pager. Columns with `sorter: true` sort on the server; clearing the sort goes back to `defaultSort`. With a
 * `selection` (useRowSelection), a first column of tick boxes selects rows of the page for a BulkBar.
 */
import { Table, Tag, type PrimaryTableCol, type TableRowData } from 'tdesign-react'
import { Pager } from './Pager'
import type { useCursorList } from './useCursorList'
import type { RowSelection } from './useRowSelection'

type List<F, K extends string, R> = ReturnType<typeof useCursorList<F, K, R>>

interface Props<F, K extends string, R extends TableRowData> {
  list: List<F, K, R>
  rowKey: keyof R & string
  columns: PrimaryTableCol<R>[]
  defaultSort: { by: K; order: 'asc' | 'desc' }
  /** What the pager counts: "位会员", "家门店". */
  unit: string
  empty: string
  onRowClick?: (row: R) => void
  selection?: RowSelection<R>
}

const SELECT_COLUMN = { colKey: 'row-select', type: 'multiple' as const, width: 44, fixed: 'left' as const }

/** A click beside a tick box (in its cell) ticks nothing and must not open the row either. */
const inTickCell = (e: { target: EventTarget | null } | undefined) =>
  e?.target instanceof Element && Boolean(e.target.closest('.t-table__cell-check'))

export const ListTable = <F, K extends string, R extends TableRowData>({
  list,
  rowKey,
  columns,
  defaultSort,
  unit,
  empty,
  onRowClick,
  selection,
}: Props<F, K, R>) => (
  <>
    {list.error && <p className="page__error">{list.error}</p>}
    <Table
      rowKey={rowKey}
      data={list.page?.rows ?? []}
      columns={selection ? [SELECT_COLUMN, ...columns] : columns}
      selectedRowKeys={selection?.keys}
      onSelectChange={selection ? (keys) => selection.set(keys) : undefined}
      loading={list.loading}
      sort={{ sortBy: list.query.sort.by, descending: list.query.sort.order === 'desc' }}
      onSortChange={(s) => {
        const one = Array.isArray(s) ? s[0] : s
        list.setSort(one ? { by: one.sortBy as K, order: one.descending ? 'desc' : 'asc' } : defaultSort)
      }}
      onRowClick={onRowClick ? ({ row, e }) => !inTickCell(e) && onRowClick(row) : undefined}
      rowClassName={onRowClick ? 'table__row--link' : undefined}
      hover={Boolean(onRowClick)}
      empty={empty}
      tableLayout="fixed"
      size="small"
    />
    <Pager list={list} unit={unit} />
  </>
)

/** An on/off state in a table cell: 启用/已停用, 营业/停业, 在职/已停用. */
export const StateTag = ({ on, onText, offText }: { on: boolean; onText: string; offText: string }) => (
  <Tag theme={on ? 'success' : 'default'} variant="light">
    {on ? onText : offText}
  </Tag>
)
