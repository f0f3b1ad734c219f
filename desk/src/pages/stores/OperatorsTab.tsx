/**
 * 运营与权限: the brand's operators, what each may do (areas as data, checked on the server for every call), new
 * operators invited with a one-time code, and operators who left deactivated.
 */
import { useState } from 'react'
import { Button, Checkbox, Dialog, Form, Input, MessagePlugin, Space, Switch, Table, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { InvitationView, OperatorRow } from '../../../../src/api/contract'
import { AREA_WORDS, OPERATOR_AREAS, type OperatorArea } from '../../../../src/domain/operators'
import { call, DeskError } from '../../cloud'
import { Field } from '../../forms/Field'
import { useSubmit } from '../../forms/useSubmit'
import { StateTag } from '../../lists/ListTable'
import { RowActions } from '../../lists/RowActions'
import { Pager } from '../../lists/Pager'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { Invitation } from './StaffDialogs'

interface Filter {
  active?: boolean
}
type SortKey = 'operatorId' | 'name'

const fetchOperators: Fetch<Filter, SortKey, OperatorRow> = ({ filter, sort, limit, cursor }) =>
  call('setup', 'listOperators', { filter, sort, limit, cursor })

const AREA_OPTIONS = OPERATOR_AREAS.map((a) => ({ value: a, label: AREA_WORDS[a] }))

/** The permission picker: the areas, and whether member exports may carry full phone numbers. */
const Powers = ({
  areas,
  exportPII,
  onAreas,
  onExportPII,
  fieldError,
}: {
  areas: OperatorArea[]
  exportPII: boolean
  onAreas: (a: OperatorArea[]) => void
  onExportPII: (v: boolean) => void
  fieldError: (name: string) => string | undefined
}) => (
  <>
    <Field label="权限" help={fieldError('areas')} status={fieldError('areas') ? 'error' : undefined}>
      <Checkbox.Group className="areas" value={areas} onChange={(v) => onAreas(v)} options={AREA_OPTIONS} />
    </Field>
    <Field
      label="完整手机号"
      help={fieldError('exportPII') ?? '导出会员时是否包含完整手机号'}
      status={fieldError('exportPII') ? 'error' : undefined}
    >
      <Switch value={exportPII} onChange={(v) => onExportPII(Boolean(v))} />
    </Field>
  </>
)

const PermissionsDialog = ({ operator, onClose, onSaved }: { operator: OperatorRow; onClose: () => void; onSaved: () => void }) => {
  const form = useSubmit()
  const [areas, setAreas] = useState<OperatorArea[]>(operator.areas)
  const [exportPII, setExportPII] = useState(operator.exportPII)
  const save = async () => {
    const done = await form.submit(() => call('setup', 'setOperatorPermissions', { operatorId: operator.operatorId, areas, exportPII }))
    if (!done) return
    void MessagePlugin.success(`已更新 ${operator.name} 的权限`)
    onSaved()
  }
  return (
    <Dialog
      visible
      width={600}
      header={`设置权限：${operator.name}`}
      confirmBtn={{ content: '保存', loading: form.submitting }}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Form labelWidth={90}>
        <Powers areas={areas} exportPII={exportPII} onAreas={setAreas} onExportPII={setExportPII} fieldError={form.fieldError} />
      </Form>
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}

const InviteOperatorDialog = ({ onClose, onInvited }: { onClose: () => void; onInvited: () => void }) => {
  const form = useSubmit()
  const [name, setName] = useState('')
  const [operatorId, setOperatorId] = useState('')
  const [areas, setAreas] = useState<OperatorArea[]>([])
  const [exportPII, setExportPII] = useState(false)
  const [invitation, setInvitation] = useState<InvitationView | null>(null)
  const invite = async () => {
    if (invitation) return onClose()
    const done = await form.submit((requestId) => call('setup', 'inviteOperator', { name, operatorId, areas, exportPII, requestId }))
    if (!done) return
    setInvitation(done.invitation)
    onInvited()
  }
  return (
    <Dialog
      visible
      width={600}
      header="邀请运营"
      confirmBtn={{ content: invitation ? '完成' : '生成邀请码', loading: form.submitting }}
      cancelBtn={invitation ? null : '取消'}
      onConfirm={() => void invite()}
      onClose={onClose}
    >
      {invitation ? (
        <Invitation invitation={invitation} />
      ) : (
        <Form labelWidth={90}>
          <Field label="姓名" help={form.fieldError('name')} status={form.fieldError('name') ? 'error' : undefined}>
            <Input value={name} onChange={(v) => setName(String(v))} maxlength={20} />
          </Field>
          <Field label="工号" help={form.fieldError('operatorId')} status={form.fieldError('operatorId') ? 'error' : undefined}>
            <Input value={operatorId} onChange={(v) => setOperatorId(String(v).toUpperCase())} placeholder="例如 OP05" />
          </Field>
          <Powers areas={areas} exportPII={exportPII} onAreas={setAreas} onExportPII={setExportPII} fieldError={form.fieldError} />
        </Form>
      )}
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}

export const OperatorsTab = () => {
  const list = useCursorList<Filter, SortKey, OperatorRow>(fetchOperators, {
    filter: { active: true },
    sort: { by: 'operatorId', order: 'asc' },
    limit: 20,
  })
  const [editing, setEditing] = useState<OperatorRow | null>(null)
  const [inviting, setInviting] = useState(false)
  const deactivate = async (row: OperatorRow) => {
    try {
      await call('setup', 'deactivateOperator', { operatorId: row.operatorId })
      void MessagePlugin.success(`${row.name} 已停用，TA 登录的运营后台随之失效`)
      list.reload()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }
  const columns: PrimaryTableCol<OperatorRow>[] = [
    { colKey: 'operatorId', title: '工号', width: 90, sorter: true },
    { colKey: 'name', title: '姓名', width: 110, sorter: true, cell: ({ row }) => (row.you ? `${row.name}（我）` : row.name) },
    {
      colKey: 'areas',
      title: '权限',
      cell: ({ row }) =>
        row.fullPowers ? (
          <Tag theme="primary" variant="light">
            全部权限
          </Tag>
        ) : (
          <Space size={4} breakLine>
            {row.areas.map((a) => (
              <Tag key={a} variant="light">
                {AREA_WORDS[a].replace(/（.*）/, '')}
              </Tag>
            ))}
          </Space>
        ),
    },
    { colKey: 'exportPII', title: '完整手机号', width: 96, cell: ({ row }) => (row.exportPII ? '可导出' : '—') },
    {
      colKey: 'active',
      title: '状态',
      width: 72,
      cell: ({ row }) => <StateTag on={row.active} onText="在职" offText="已停用" />,
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 150,
      cell: ({ row }) =>
        row.active && !row.you ? (
          <RowActions
            extra={[{ label: '设置权限', onClick: () => setEditing(row) }]}
            toggle={{
              active: true,
              off: {
                label: '停用',
                confirm: { header: `停用 ${row.name}？`, body: `停用后 ${row.name} 立即不能再使用运营功能。` },
                run: () => deactivate(row),
              },
            }}
          />
        ) : null,
    },
  ]
  return (
    <>
      <div className="filters filters--with-action">
        <Button theme="primary" className="filters__action" onClick={() => setInviting(true)}>
          邀请运营
        </Button>
      </div>
      {list.error && <p className="page__error">{list.error}</p>}
      <Table
        rowKey="operatorId"
        data={list.page?.rows ?? []}
        columns={columns}
        loading={list.loading}
        empty="没有运营"
        tableLayout="fixed"
        size="small"
      />
      <Pager list={list} unit="名运营" />
      {editing && (
        <PermissionsDialog
          operator={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
      {inviting && <InviteOperatorDialog onClose={() => setInviting(false)} onInvited={list.reload} />}
    </>
  )
}
