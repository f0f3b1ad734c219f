/** 门店: the brand's shops, open and closed, created and edited here. */
import { useState } from 'react'
import { Button, Input, Select, Table, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { StoreRow } from '../../../../src/api/contract'
import { call } from '../../cloud'
import { Pager } from '../../lists/Pager'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { StoreDialog } from './StoreDialog'

interface Filter {
  status?: 'active' | 'closed'
  search?: string
}
type SortKey = 'id' | 'name'

const fetchStores: Fetch<Filter, SortKey, StoreRow> = ({ filter, sort, limit, cursor }) =>
  call('ops', 'listStores', { filter, sort, limit, cursor })

export const StoresTab = () => {
  const list = useCursorList<Filter, SortKey, StoreRow>(fetchStores, { filter: {}, sort: { by: 'id', order: 'asc' }, limit: 20 })
  const [editing, setEditing] = useState<StoreRow | 'new' | null>(null)
  const [search, setSearch] = useState('')
  const columns: PrimaryTableCol<StoreRow>[] = [
    { colKey: 'id', title: '编号', width: 90, sorter: true },
    { colKey: 'name', title: '门店', width: 170, sorter: true, ellipsis: true },
    { colKey: 'address', title: '地址', ellipsis: true },
    { colKey: 'phone', title: '电话', width: 140 },
    { colKey: 'openingHours', title: '营业时间', width: 200, ellipsis: true },
    { colKey: 'activeStaff', title: '在职员工', width: 80, align: 'right' },
    {
      colKey: 'active',
      title: '状态',
      width: 72,
      cell: ({ row }) => (
        <Tag theme={row.active ? 'success' : 'default'} variant="light">
          {row.active ? '营业' : '停业'}
        </Tag>
      ),
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 72,
      cell: ({ row }) => (
        <Button variant="text" theme="primary" onClick={() => setEditing(row)}>
          编辑
        </Button>
      ),
    },
  ]
  const setFilter = (f: Filter) => list.setFilter(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')))
  return (
    <>
      <div className="filters filters--with-action" role="search">
        <Input
          className="filters__search"
          placeholder="门店名称、地址或编号"
          clearable
          value={search}
          onChange={(v) => setSearch(String(v))}
          onEnter={() => setFilter({ ...list.query.filter, search })}
          onClear={() => setFilter({ ...list.query.filter, search: undefined })}
        />
        <Select
          placeholder="全部状态"
          clearable
          value={list.query.filter.status}
          options={[
            { value: 'active', label: '营业中' },
            { value: 'closed', label: '已停业' },
          ]}
          onChange={(v) => setFilter({ ...list.query.filter, status: (v as Filter['status']) || undefined })}
        />
        <Button theme="primary" className="filters__action" onClick={() => setEditing('new')}>
          新建门店
        </Button>
      </div>
      {list.error && <p className="page__error">{list.error}</p>}
      <Table
        rowKey="id"
        data={list.page?.rows ?? []}
        columns={columns}
        loading={list.loading}
        sort={{ sortBy: list.query.sort.by, descending: list.query.sort.order === 'desc' }}
        onSortChange={(s) => {
          const one = Array.isArray(s) ? s[0] : s
          list.setSort(one ? { by: one.sortBy as SortKey, order: one.descending ? 'desc' : 'asc' } : { by: 'id', order: 'asc' })
        }}
        empty="还没有门店"
        tableLayout="fixed"
        size="small"
      />
      <Pager list={list} unit="家门店" />
      {editing && (
        <StoreDialog
          store={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
    </>
  )
}
