/**
 * 积分商城: what members exchange points for, with pictures, prices, stock (in all and per store) and early access;
 * taken off sale (下架) and put back (上架) one or several at a time.
 */
import { useState } from 'react'
import { Button, MessagePlugin, type PrimaryTableCol } from 'tdesign-react'
import type { CatalogItemRow } from '../../../../src/api/contract'
import { tiersText } from '../../../../src/wording/tiers'
import { call, DeskError } from '../../cloud'
import { SearchBox, StateSelect } from '../../lists/ListFilters'
import { BulkBar } from '../../lists/BulkBar'
import { ListTable, StateTag } from '../../lists/ListTable'
import { RowActions } from '../../lists/RowActions'
import { useBulkAction } from '../../lists/useBulkAction'
import { useRowSelection } from '../../lists/useRowSelection'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { deskPastTime } from '../../wording'
import { CatalogItemDialog } from './CatalogItemDialog'

interface Filter {
  active?: boolean
  search?: string
}
type SortKey = 'sort' | 'pointsPrice' | 'title'

const fetchItems: Fetch<Filter, SortKey, CatalogItemRow> = ({ filter, sort, limit, cursor }) =>
  call('setup', 'listCatalogItems', { filter, sort, limit, cursor })

const stockText = (row: CatalogItemRow) => {
  const total = row.stock.total === null ? `已兑 ${row.stock.exchanged}` : `剩 ${row.stock.left} / ${row.stock.total}`
  return row.storeStock ? `${total}（${row.storeStock.length} 家门店）` : total
}

export default function CatalogPage() {
  const list = useCursorList<Filter, SortKey, CatalogItemRow>(fetchItems, {
    filter: { active: true },
    sort: { by: 'sort', order: 'asc' },
    limit: 20,
  })
  const [editing, setEditing] = useState<CatalogItemRow | 'new' | null>(null)
  const selection = useRowSelection(list, 'id')
  const bulk = useBulkAction({ nameOf: (i: CatalogItemRow) => `「${i.title}」`, selection, reload: list.reload })

  const retireItem = (row: CatalogItemRow) => call('setup', 'retireCatalogItem', { itemId: row.id })
  const reactivateItem = (row: CatalogItemRow) => call('setup', 'reactivateCatalogItem', { itemId: row.id })

  const toggle = async (row: CatalogItemRow) => {
    try {
      await (row.active ? retireItem(row) : reactivateItem(row))
      void MessagePlugin.success(row.active ? `已下架「${row.title}」` : `已上架「${row.title}」`)
      list.reload()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<CatalogItemRow>[] = [
    {
      colKey: 'imageUrl',
      title: '图片',
      width: 72,
      cell: ({ row }) =>
        row.imageUrl ? <img className="thumb" src={row.imageUrl} alt={row.title} /> : <span className="thumb thumb--empty">无图</span>,
    },
    { colKey: 'title', title: '商品', ellipsis: true, sorter: true },
    { colKey: 'template', title: '兑换所得', width: 150, ellipsis: true, cell: ({ row }) => row.template?.benefitText ?? '（券已删除）' },
    { colKey: 'pointsPrice', title: '积分', width: 80, align: 'right', sorter: true },
    { colKey: 'stock', title: '库存', width: 150, ellipsis: true, cell: ({ row }) => stockText(row) },
    { colKey: 'tiers', title: '等级', width: 100, ellipsis: true, cell: ({ row }) => tiersText(row.tiers) },
    {
      colKey: 'earlyAccess',
      title: '开放',
      width: 130,
      cell: ({ row }) => (row.earlyAccess ? deskPastTime(row.earlyAccess.opensAt) : '立即'),
    },
    { colKey: 'active', title: '状态', width: 72, cell: ({ row }) => <StateTag on={row.active} onText="上架" offText="已下架" /> },
    {
      colKey: 'operation',
      title: '操作',
      width: 120,
      cell: ({ row }) => (
        <RowActions
          onEdit={() => setEditing(row)}
          toggle={{
            active: row.active,
            off: {
              label: '下架',
              confirm: { header: `下架「${row.title}」？`, body: '下架后会员不能再兑换；已兑换所得的券不受影响。' },
              run: () => toggle(row),
            },
            on: { label: '上架', run: () => toggle(row) },
          }}
        />
      ),
    },
  ]

  return (
    <section className="page">
      <div className="page__head">
        <h2 className="page__title">积分商城</h2>
        <Button theme="primary" onClick={() => setEditing('new')}>
          新建商品
        </Button>
      </div>
      <div className="filters" role="search">
        <SearchBox list={list} placeholder="商品名称" />
        <StateSelect list={list} on="上架中" off="已下架" all="全部" />
      </div>
      <BulkBar
        selection={selection}
        bulk={bulk}
        buttons={[
          {
            label: '下架',
            danger: true,
            rows: selection.rows.filter((i) => i.active),
            onClick: (rows) =>
              bulk.confirmThenRun({
                action: '下架',
                unit: '件商品',
                danger: true,
                rows,
                body: '下架后会员不能再兑换；已兑换所得的券不受影响。',
                each: retireItem,
              }),
          },
          {
            label: '上架',
            rows: selection.rows.filter((i) => !i.active),
            onClick: (rows) => bulk.confirmThenRun({ action: '上架', unit: '件商品', rows, each: reactivateItem }),
          },
        ]}
      />
      <ListTable
        selection={selection}
        list={list}
        rowKey="id"
        columns={columns}
        defaultSort={{ by: 'sort', order: 'asc' }}
        unit="件商品"
        empty="没有符合条件的商品"
      />
      {editing && (
        <CatalogItemDialog
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
    </section>
  )
}
