/**
 * 收银接口: the keys a store's POS or the brand's ERP signs its requests to the till API with (cloudfunctions/pos,
 * docs/pos-api.yaml). A new key's secret is shown once, here, to copy into the till's settings; afterwards only
 * its id is listed. Revoking stops the key at once.
 */
import { useCallback, useEffect, useState } from 'react'
import { Button, Dialog, Form, Input, MessagePlugin, Popconfirm, Select, Table, type PrimaryTableCol } from 'tdesign-react'
import type { PosKeyRow, StoreView } from '../../../../src/api/contract'
import { call, DeskError } from '../../cloud'
import { Field } from '../../forms/Field'
import { StoreSelect } from '../../forms/StoreSelect'
import { useSubmit } from '../../forms/useSubmit'
import { useStores } from '../../lists/useStores'
import { StateTag } from '../../lists/ListTable'
import { deskTime } from '../../wording'

/** The key's id and its secret, as the till's settings take them; shown once. */
export const NewPosKey = ({ created }: { created: { key: PosKeyRow; secret: string } }) => (
  <div className="invitation">
    <p>{`请把以下信息填入「${created.key.store.name}」的收银系统。密钥只显示这一次，关闭后无法再查看；遗失请停用后重新新建。`}</p>
    <p className="invitation__line">{`X-Pos-Key：${created.key.keyId}`}</p>
    <p className="invitation__line">密钥（仅用于计算 X-Pos-Signature，不要随请求发送）：</p>
    <p className="pos-secret" data-testid="pos-secret">
      {created.secret}
    </p>
    <p className="invitation__line">签名方法与接口说明见接口文档 /pos/v1/openapi.json</p>
  </div>
)

export const CreatePosKeyDialog = ({ stores, onClose, onCreated }: { stores: StoreView[]; onClose: () => void; onCreated: () => void }) => {
  const form = useSubmit()
  const [storeId, setStoreId] = useState<string | undefined>()
  const [label, setLabel] = useState('')
  const [created, setCreated] = useState<{ key: PosKeyRow; secret: string } | null>(null)
  const status = (field: string) => ({ help: form.fieldError(field), status: form.fieldError(field) ? ('error' as const) : undefined })
  const create = async () => {
    if (created) return onClose()
    const done = await form.submit(() => call('setup', 'createPosKey', { storeId: storeId ?? '', label }))
    if (!done) return
    setCreated(done)
    onCreated()
  }
  return (
    <Dialog
      visible
      width={600}
      header="新建收银密钥"
      confirmBtn={{ content: created ? '我已保存，完成' : '生成密钥', loading: form.submitting }}
      cancelBtn={created ? null : '取消'}
      onConfirm={() => void create()}
      onClose={onClose}
    >
      {created ? (
        <NewPosKey created={created} />
      ) : (
        <Form labelWidth={80}>
          <Field label="门店" {...status('storeId')}>
            <StoreSelect stores={stores} value={storeId} onChange={setStoreId} />
          </Field>
          <Field label="名称" {...status('label')}>
            <Input value={label} onChange={(v) => setLabel(String(v))} maxlength={20} placeholder="例如 收银机1、ERP" />
          </Field>
        </Form>
      )}
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}

export const PosKeysTab = () => {
  const stores = useStores()
  const [storeId, setStoreId] = useState<string | undefined>()
  const [rows, setRows] = useState<PosKeyRow[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    try {
      setRows((await call('setup', 'listPosKeys', storeId ? { storeId } : {})).keys)
      setError(null)
    } catch (e) {
      setError(e instanceof DeskError ? e.message : '加载失败')
    } finally {
      setLoading(false)
    }
  }, [storeId])
  useEffect(() => void load(), [load])

  const revoke = async (row: PosKeyRow) => {
    try {
      await call('setup', 'revokePosKey', { keyId: row.keyId })
      void MessagePlugin.success(`密钥 ${row.label} 已停用，使用它的收银请求将被拒绝`)
      void load()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<PosKeyRow>[] = [
    { colKey: 'label', title: '名称', width: 120 },
    { colKey: 'store', title: '门店', ellipsis: true, cell: ({ row }) => row.store.name },
    { colKey: 'keyId', title: '密钥编号 (X-Pos-Key)', width: 200 },
    { colKey: 'createdAt', title: '创建', width: 200, cell: ({ row }) => `${deskTime(row.createdAt)} · ${row.createdBy}` },
    { colKey: 'revoked', title: '状态', width: 80, cell: ({ row }) => <StateTag on={!row.revoked} onText="使用中" offText="已停用" /> },
    {
      colKey: 'operation',
      title: '操作',
      width: 80,
      cell: ({ row }) =>
        row.revoked ? (
          row.revokedAt && <span title={`停用于 ${deskTime(row.revokedAt)}`}>—</span>
        ) : (
          <Popconfirm content={`停用后使用「${row.label}」的收银系统将立即无法录入消费。确定停用？`} onConfirm={() => void revoke(row)}>
            <Button variant="text" theme="danger">
              停用
            </Button>
          </Popconfirm>
        ),
    },
  ]
  return (
    <>
      <div className="filters filters--with-action">
        <Select
          placeholder="全部门店"
          clearable
          value={storeId}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => setStoreId((v as string) || undefined)}
        />
        <Button theme="primary" className="filters__action" onClick={() => setCreating(true)}>
          新建密钥
        </Button>
      </div>
      {error && <p className="page__error">{error}</p>}
      <Table rowKey="keyId" data={rows} columns={columns} loading={loading} empty="还没有收银密钥" tableLayout="fixed" size="small" />
      {creating && <CreatePosKeyDialog stores={stores} onClose={() => setCreating(false)} onCreated={() => void load()} />}
    </>
  )
}
