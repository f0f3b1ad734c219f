/** 门店: the brand's shops, open and closed, created and edited here. */
import { useState } from 'react'
import { Button, Select, Space, type PrimaryTableCol } from 'tdesign-react'
import type { StoreRow } from '../../../../src/api/contract'
import { call } from '../../cloud'
import { SearchBox } from '../../lists/ListFilters'
import { ListTable, StateTag } from '../../lists/ListTable'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { PosterDialog, type PosterTarget } from './PosterDialog'
import { StoreDialog } from './StoreDialog'

interface Filter {
  status?: 'active' | 'closed'
  search?: string
}
type SortKey = 'id' | 'name'

const fetchStores: Fetch<Filter, SortKey, StoreRow> = ({ filter, sort, limit, cursor }) =>
  call('setup', 'listStores', { filter, sort, limit, cursor })

export const StoresTab = () => {
  const list = useCursorList<Filter, SortKey, StoreRow>(fetchStores, { filter: {}, sort: { by: 'id', order: 'asc' }, limit: 20 })
  const [editing, setEditing] = useState<StoreRow | 'new' | null>(null)
  const [poster, setPoster] = useState<PosterTarget | null>(null)
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
      cell: ({ row }) => <StateTag on={row.active} onText="营业" offText="停业" />,
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 130,
      cell: ({ row }) => (
        <Space size={4}>
          <Button variant="text" theme="primary" onClick={() => setEditing(row)}>
            编辑
          </Button>
          {/* A closed store prints no code: the server refuses it, so the action is not offered. */}
          {row.active && (
            <Button variant="text" theme="primary" onClick={() => setPoster({ storeId: row.id, storeName: row.name, staff: null })}>
              门店码
            </Button>
          )}
        </Space>
      ),
    },
  ]
  const setFilter = list.setFilter
  return (
    <>
      <div className="filters filters--with-action" role="search">
        <SearchBox list={list} placeholder="门店名称、地址或编号" />
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
      <ListTable list={list} rowKey="id" columns={columns} defaultSort={{ by: 'id', order: 'asc' }} unit="家门店" empty="还没有门店" />
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
      {poster && <PosterDialog target={poster} onClose={() => setPoster(null)} />}
    </>
  )
}
