/**
 * 会员: every member (phone and VIP validity are on the member's page and in the export; the table keeps to what
 * fits 1280 px), filtered, sorted and paged by cursor past any number of rows (ops.members); a row opens the
 * member's page; 导出 Excel writes exactly the rows the filter selects; ticked members move to one store together
 * (the member page's 调整门店, once for each).
 */
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { Button, DatePicker, DateRangePicker, Input, InputNumber, Select, Space, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { MemberRow } from '../../../../src/api/contract'
import type { MembersFilter } from '../../../../src/api/membersSchemas'
import type { MemberSortKey } from '../../../../src/domain/memberList'
import { call } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { useXlsxExport } from '../../lists/useXlsxExport'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { BulkBar } from '../../lists/BulkBar'
import { ExportButton } from '../../lists/ExportButton'
import { ListTable } from '../../lists/ListTable'
import { useBulkAction } from '../../lists/useBulkAction'
import { useRowSelection } from '../../lists/useRowSelection'
import { className, deskDay, tierName, yuan } from '../../wording'
import { MoveStoresDialog } from './MemberDialogs'
import { MEMBER_EXPORT_COLUMNS } from './membersColumns'

type Filter = Partial<MembersFilter>

const fetchMembers: Fetch<Filter, MemberSortKey, MemberRow> = ({ filter, sort, limit, cursor }) =>
  call('ops', 'members', { filter, sort, limit, cursor })

const TIER_OPTIONS = (['member', 'vip', 'gold'] as const).map((t) => ({ value: t, label: tierName(t) }))
const CLASS_OPTIONS = (['A', 'B', 'C', 'D'] as const).map((c) => ({ value: c, label: className(c) }))
const MONTH_OPTIONS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))

const COLUMNS: PrimaryTableCol<MemberRow>[] = [
  { colKey: 'memberNo', title: '会员号', width: 124 },
  { colKey: 'name', title: '姓名', width: 80, sorter: true },
  {
    colKey: 'tier',
    title: '等级',
    width: 96,
    cell: ({ row }) => (
      <Tag theme={row.tier === 'member' ? 'default' : 'warning'} variant="light">
        {tierName(row.tier)}
      </Tag>
    ),
  },
  { colKey: 'pointsBalance', title: '积分', width: 76, align: 'right', sorter: true },
  {
    colKey: 'lifetimeSpendFen',
    title: '累计消费',
    width: 100,
    align: 'right',
    sorter: true,
    cell: ({ row }) => yuan(row.lifetimeSpendFen),
  },
  { colKey: 'store', title: '门店', ellipsis: true, cell: ({ row }) => row.store?.name ?? '—' },
  { colKey: 'assistant', title: '导购', width: 72, cell: ({ row }) => row.assistant?.name ?? '—' },
  { colKey: 'customerClass', title: '类别', width: 56, cell: ({ row }) => className(row.customerClass) },
  { colKey: 'lastVisitAt', title: '最近到店', width: 108, sorter: true, cell: ({ row }) => deskDay(row.lastVisitAt) },
  { colKey: 'joinedAt', title: '入会日期', width: 108, sorter: true, cell: ({ row }) => deskDay(row.joinedAt) },
]

export default function MembersPage() {
  const navigate = useNavigate()
  const list = useCursorList<Filter, MemberSortKey, MemberRow>(fetchMembers, {
    filter: {},
    sort: { by: 'joinedAt', order: 'desc' },
    limit: 20,
  })
  const [draft, setDraft] = useState<Filter>({})
  const stores = useStores()
  const xlsx = useXlsxExport()
  const selection = useRowSelection(list, 'memberNo')
  const bulk = useBulkAction({ nameOf: (m: MemberRow) => `${m.name}（${m.memberNo}）`, selection, reload: list.reload })
  const [moving, setMoving] = useState<MemberRow[] | null>(null)

  const moveAll = (rows: MemberRow[], move: { storeId: string; reason: string }) => {
    // One request id per member of this run: a retried call finds its first answer, a second run is new.
    const run = crypto.randomUUID()
    setMoving(null)
    void bulk.run({
      action: '调整门店',
      rows,
      each: (m) =>
        call('ops', 'moveMemberStore', { memberCode: m.memberNo, ...move, assistantId: null, requestId: `${run}-${m.memberNo}` }),
    })
  }

  const apply = (next: Filter) => {
    setDraft(next)
    list.setFilter(next)
  }
  const set = <K extends keyof Filter>(key: K, value: Filter[K] | undefined) => apply({ ...draft, [key]: value })

  const runExport = () =>
    xlsx.run(
      {
        fileName: `会员-${deskDay(new Date().toISOString())}.xlsx`,
        columns: MEMBER_EXPORT_COLUMNS,
        fetchPage: (cursor, limit) => call('ops', 'members', { filter: list.query.filter, sort: list.query.sort, limit, cursor }),
      },
      (count) => `已导出 ${count} 位会员`,
    )

  return (
    <section className="page">
      <div className="page__head">
        <h2 className="page__title">会员</h2>
        <ExportButton xlsx={xlsx} total={list.page?.total ?? 0} onClick={() => void runExport()} />
      </div>
      <div className="filters" role="search">
        <Input
          className="filters__search"
          placeholder="姓名 / 会员号 / 手机尾号 4 位"
          clearable
          value={draft.search ?? ''}
          onChange={(v) => setDraft({ ...draft, search: String(v) })}
          onEnter={() => apply(draft)}
          onClear={() => set('search', undefined)}
        />
        <Select
          placeholder="全部门店"
          clearable
          value={draft.storeId}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => set('storeId', (v as string) || undefined)}
        />
        <Select
          placeholder="全部等级"
          clearable
          value={draft.tier}
          options={TIER_OPTIONS}
          onChange={(v) => set('tier', (v as Filter['tier']) || undefined)}
        />
        <Select
          placeholder="全部类别"
          clearable
          value={draft.customerClass}
          options={CLASS_OPTIONS}
          onChange={(v) => set('customerClass', (v as Filter['customerClass']) || undefined)}
        />
        <Select
          placeholder="生日月份"
          clearable
          value={draft.birthdayMonth}
          options={MONTH_OPTIONS}
          onChange={(v) => set('birthdayMonth', (v as number) || undefined)}
        />
        <DateRangePicker
          placeholder={['入会起', '入会止']}
          clearable
          value={draft.joinedFrom && draft.joinedTo ? [draft.joinedFrom, draft.joinedTo] : []}
          valueType="YYYY-MM-DD"
          onChange={(v) => {
            const [from, to] = (v as string[]) ?? []
            apply({ ...draft, joinedFrom: from || undefined, joinedTo: to || undefined })
          }}
        />
        <DatePicker
          placeholder="最近到店早于"
          clearable
          value={draft.lastVisitBefore ?? ''}
          valueType="YYYY-MM-DD"
          onChange={(v) => set('lastVisitBefore', (v as string) || undefined)}
        />
        <InputNumber
          placeholder="积分不少于"
          theme="normal"
          min={0}
          value={draft.pointsAtLeast}
          onChange={(v) => set('pointsAtLeast', typeof v === 'number' ? v : undefined)}
        />
        <Space>
          <Button onClick={() => apply(draft)}>搜索</Button>
          <Button variant="text" onClick={() => apply({})}>
            重置
          </Button>
        </Space>
      </div>
      <BulkBar
        selection={selection}
        bulk={bulk}
        buttons={[{ label: '调整门店', rows: selection.rows, onClick: (rows) => setMoving(rows) }]}
      />
      {moving && <MoveStoresDialog count={moving.length} onClose={() => setMoving(null)} onConfirm={(move) => moveAll(moving, move)} />}
      <ListTable
        selection={selection}
        list={list}
        rowKey="memberNo"
        columns={COLUMNS}
        defaultSort={{ by: 'joinedAt', order: 'desc' }}
        unit="位会员"
        empty="没有符合条件的会员"
        onRowClick={(row) => navigate(`/members/${row.memberNo}`)}
      />
    </section>
  )
}
