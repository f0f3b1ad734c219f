/**
 * 优惠券模板: every coupon template (filtered, paged by cursor), created, edited, retired and brought back, one or
 * several at a time. Retiring one that the catalog, a live campaign or the rules still issue asks again, naming them;
 * a bulk retirement leaves those as they are and lists them with why.
 */
import { useState } from 'react'
import { Button, DialogPlugin, MessagePlugin, Select, type PrimaryTableCol } from 'tdesign-react'
import type { CouponTemplateRow } from '../../../../src/api/contract'
import { templateUsesText } from '../../../../src/domain/offerSetup'
import { tiersText } from '../../../../src/wording/tiers'
import { call, DeskError } from '../../cloud'
import { SearchBox, StateSelect } from '../../lists/ListFilters'
import { BulkBar } from '../../lists/BulkBar'
import { ListTable, StateTag } from '../../lists/ListTable'
import { RowActions } from '../../lists/RowActions'
import { useBulkAction } from '../../lists/useBulkAction'
import { useRowSelection } from '../../lists/useRowSelection'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { TemplateDialog } from './TemplateDialog'

interface Filter {
  active?: boolean
  kind?: 'percentOff' | 'amountOff' | 'gift'
  search?: string
}
type SortKey = 'createdAt' | 'title'

const fetchTemplates: Fetch<Filter, SortKey, CouponTemplateRow> = ({ filter, sort, limit, cursor }) =>
  call('setup', 'listCouponTemplates', { filter, sort, limit, cursor })

const KIND_OPTIONS = [
  { value: 'amountOff', label: '满减券' },
  { value: 'percentOff', label: '折扣券' },
  { value: 'gift', label: '礼品券' },
]

const stockText = (t: CouponTemplateRow) => (t.stock.total === null ? '不限' : `剩 ${t.stock.left} / ${t.stock.total}`)

export default function CouponTemplatesPage() {
  const list = useCursorList<Filter, SortKey, CouponTemplateRow>(fetchTemplates, {
    filter: { active: true },
    sort: { by: 'createdAt', order: 'desc' },
    limit: 20,
  })
  const [editing, setEditing] = useState<CouponTemplateRow | 'new' | null>(null)
  const selection = useRowSelection(list, 'id')
  const bulk = useBulkAction({ nameOf: (t: CouponTemplateRow) => `「${t.title}」`, selection, reload: list.reload })

  const retire = async (t: CouponTemplateRow, acknowledgeInUse = false) => {
    try {
      await call('setup', 'retireCouponTemplate', { templateId: t.id, acknowledgeInUse })
      void MessagePlugin.success(`已停用「${t.title}」`)
      list.reload()
    } catch (e) {
      if (e instanceof DeskError && e.code === 'IN_USE') {
        const ask = DialogPlugin.confirm({
          header: '该券仍在使用',
          body: `${e.message}。停用后它们将无法再发出这张券，确定停用？`,
          confirmBtn: '仍要停用',
          theme: 'warning',
          onConfirm: () => {
            ask.destroy()
            void retire(t, true)
          },
          onClose: () => ask.destroy(),
        })
      } else void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const reactivate = async (t: CouponTemplateRow) => {
    try {
      await call('setup', 'reactivateCouponTemplate', { templateId: t.id })
      void MessagePlugin.success(`已启用「${t.title}」`)
      list.reload()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<CouponTemplateRow>[] = [
    { colKey: 'title', title: '券名称', ellipsis: true, sorter: true },
    { colKey: 'benefitText', title: '优惠', width: 120 },
    { colKey: 'validityText', title: '有效期', width: 160, ellipsis: true },
    { colKey: 'tiers', title: '适用等级', width: 100, ellipsis: true, cell: ({ row }) => tiersText(row.tiers) },
    { colKey: 'stock', title: '库存', width: 100, cell: ({ row }) => stockText(row) },
    {
      colKey: 'usedBy',
      title: '使用中',
      width: 130,
      ellipsis: true,
      cell: ({ row }) => (row.usedBy.length ? templateUsesText(row.usedBy) : '—'),
    },
    {
      colKey: 'active',
      title: '状态',
      width: 72,
      cell: ({ row }) => <StateTag on={row.active} onText="启用" offText="已停用" />,
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 136,
      cell: ({ row }) => (
        <RowActions
          onEdit={() => setEditing(row)}
          toggle={{
            active: row.active,
            off: {
              label: '停用',
              confirm: { header: `停用「${row.title}」？`, body: '停用后不能再发出这张券；已发出的券在有效期内仍可使用。' },
              run: () => retire(row),
            },
            on: { label: '启用', run: () => reactivate(row) },
          }}
        />
      ),
    },
  ]

  const setFilter = list.setFilter

  return (
    <section className="page">
      <div className="page__head">
        <h2 className="page__title">优惠券模板</h2>
        <Button theme="primary" onClick={() => setEditing('new')}>
          新建券模板
        </Button>
      </div>
      <div className="filters" role="search">
        <SearchBox list={list} placeholder="券名称" />
        <StateSelect list={list} on="启用中" off="已停用" />
        <Select
          placeholder="全部类型"
          clearable
          value={list.query.filter.kind}
          options={KIND_OPTIONS}
          onChange={(v) => setFilter({ ...list.query.filter, kind: (v as Filter['kind']) || undefined })}
        />
      </div>
      <BulkBar
        selection={selection}
        bulk={bulk}
        buttons={[
          {
            label: '停用',
            danger: true,
            rows: selection.rows.filter((t) => t.active),
            onClick: (rows) =>
              bulk.confirmThenRun({
                action: '停用',
                unit: '个券模板',
                danger: true,
                rows,
                body: '停用后不能再发出这些券；已发出的券在有效期内仍可使用。仍被积分商城、进行中的活动或规则使用的券不会停用，将列出原因。',
                each: (t) => call('setup', 'retireCouponTemplate', { templateId: t.id, acknowledgeInUse: false }),
              }),
          },
          {
            label: '启用',
            rows: selection.rows.filter((t) => !t.active),
            onClick: (rows) =>
              bulk.confirmThenRun({
                action: '启用',
                unit: '个券模板',
                rows,
                each: (t) => call('setup', 'reactivateCouponTemplate', { templateId: t.id }),
              }),
          },
        ]}
      />
      <ListTable
        selection={selection}
        list={list}
        rowKey="id"
        columns={columns}
        defaultSort={{ by: 'createdAt', order: 'desc' }}
        unit="个券模板"
        empty="没有符合条件的券模板"
      />
      {editing && (
        <TemplateDialog
          template={editing === 'new' ? null : editing}
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
