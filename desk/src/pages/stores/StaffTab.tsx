/**
 * 员工: who works where. Invite a new assistant or manager (a one-time code they accept in the mini-program),
 * deactivate one who left (their powers end at once), and hand their customers over to a colleague of the store.
 */
import { useState } from 'react'
import { Button, MessagePlugin, Select, type PrimaryTableCol } from 'tdesign-react'
import type { StaffRow } from '../../../../src/api/contract'
import type { StaffRole } from '../../../../src/domain/staff'
import { call, DeskError } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { SearchBox, StateSelect } from '../../lists/ListFilters'
import { ListTable, StateTag } from '../../lists/ListTable'
import { RowActions, type RowButton } from '../../lists/RowActions'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { deskDay } from '../../wording'
import { PosterDialog, type PosterTarget } from './PosterDialog'
import { HandOverDialog, InviteStaffDialog } from './StaffDialogs'

interface Filter {
  storeId?: string
  role?: StaffRole
  active?: boolean
  search?: string
}
type SortKey = 'store' | 'name' | 'staffId'

const ROLE_WORDS: Record<StaffRole, string> = { assistant: '导购', manager: '店长' }

const fetchStaff: Fetch<Filter, SortKey, StaffRow> = ({ filter, sort, limit, cursor }) =>
  call('setup', 'listStaff', { filter, sort, limit, cursor })

export const StaffTab = () => {
  const list = useCursorList<Filter, SortKey, StaffRow>(fetchStaff, {
    filter: { active: true },
    sort: { by: 'store', order: 'asc' },
    limit: 20,
  })
  const stores = useStores()
  const [inviting, setInviting] = useState(false)
  const [handingOver, setHandingOver] = useState<StaffRow | null>(null)
  const [poster, setPoster] = useState<PosterTarget | null>(null)

  const deactivate = async (row: StaffRow) => {
    try {
      await call('setup', 'deactivateStaff', { staffId: row.staffId })
      void MessagePlugin.success(`${row.name} 已停用，TA 的顾客可移交给同店同事`)
      list.reload()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<StaffRow>[] = [
    { colKey: 'staffId', title: '工号', width: 90, sorter: true },
    { colKey: 'name', title: '姓名', width: 100, sorter: true },
    { colKey: 'role', title: '岗位', width: 72, cell: ({ row }) => ROLE_WORDS[row.role] },
    { colKey: 'store', title: '门店', ellipsis: true, sorter: true, cell: ({ row }) => row.store.name },
    { colKey: 'customers', title: '负责顾客', width: 90, align: 'right' },
    { colKey: 'joinedAt', title: '入职', width: 110, cell: ({ row }) => (row.joinedAt ? deskDay(row.joinedAt) : '—') },
    {
      colKey: 'active',
      title: '状态',
      width: 72,
      cell: ({ row }) => <StateTag on={row.active} onText="在职" offText="已停用" />,
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 240,
      cell: ({ row }) => {
        const extra: RowButton[] = []
        if (row.active) {
          const staff = { staffId: row.staffId, name: row.name, role: row.role }
          extra.push({ label: '专属码', onClick: () => setPoster({ storeId: row.store.id, storeName: row.store.name, staff }) })
        }
        if (row.customers > 0) extra.push({ label: '移交顾客', onClick: () => setHandingOver(row) })
        return (
          <RowActions
            extra={extra}
            toggle={{
              active: row.active,
              off: {
                label: '停用',
                confirm: { header: `停用 ${row.name}？`, body: `停用后 ${row.name} 立即不能再使用导购功能。` },
                run: () => deactivate(row),
              },
            }}
          />
        )
      },
    },
  ]
  const setFilter = list.setFilter
  return (
    <>
      <div className="filters filters--with-action" role="search">
        <SearchBox list={list} placeholder="姓名或工号" />
        <Select
          placeholder="全部门店"
          clearable
          value={list.query.filter.storeId}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => setFilter({ ...list.query.filter, storeId: (v as string) || undefined })}
        />
        <Select
          placeholder="全部岗位"
          clearable
          value={list.query.filter.role}
          options={(['assistant', 'manager'] as const).map((r) => ({ value: r, label: ROLE_WORDS[r] }))}
          onChange={(v) => setFilter({ ...list.query.filter, role: (v as StaffRole) || undefined })}
        />
        <StateSelect list={list} on="在职" off="已停用" all="全部" />
        <Button theme="primary" className="filters__action" onClick={() => setInviting(true)}>
          邀请员工
        </Button>
      </div>
      <ListTable
        list={list}
        rowKey="staffId"
        columns={columns}
        defaultSort={{ by: 'store', order: 'asc' }}
        unit="名员工"
        empty="没有符合条件的员工"
      />
      {inviting && <InviteStaffDialog stores={stores} onClose={() => setInviting(false)} onInvited={list.reload} />}
      {handingOver && (
        <HandOverDialog
          from={handingOver}
          onClose={() => setHandingOver(null)}
          onDone={() => {
            setHandingOver(null)
            list.reload()
          }}
        />
      )}
      {poster && <PosterDialog target={poster} onClose={() => setPoster(null)} />}
    </>
  )
}
