/** Inviting a staff member (a one-time code for the mini-program) and handing a leaver's customers to a colleague. */
import { useEffect, useState } from 'react'
import { Dialog, Form, Input, MessagePlugin, Radio, Select } from 'tdesign-react'
import type { HandOverPreview, InvitationView, StaffRow, StoreView } from '../../../../src/api/contract'
import type { StaffRole } from '../../../../src/domain/staff'
import { call } from '../../cloud'
import { Field } from '../../forms/Field'
import { StoreSelect } from '../../forms/StoreSelect'
import { useSubmit } from '../../forms/useSubmit'
import { deskTime } from '../../wording'

const ROLE_WORDS: Record<StaffRole, string> = { assistant: '导购', manager: '店长' }

/**
 * The invitation as the invited person takes it: a mini-program code to scan with WeChat (the accept page opens
 * with the code filled in), or the code to type on the 接受邀请 page when they are not at the screen.
 */
export const Invitation = ({ invitation }: { invitation: InvitationView }) => {
  const [qr, setQr] = useState<string | null>(null)
  const [qrFailed, setQrFailed] = useState(false)
  useEffect(() => {
    let current = true
    call('setup', 'invitationQr', { code: invitation.code })
      .then(({ qr }) => current && setQr(`data:${qr.contentType};base64,${qr.base64}`))
      .catch(() => current && setQrFailed(true))
    return () => {
      current = false
    }
  }, [invitation.code])
  return (
    <div className="invitation">
      <div className="invitation__scan">
        {qr ? (
          <img className="invitation__qr" src={qr} alt="邀请小程序码" />
        ) : (
          <p className="invitation__waiting">{qrFailed ? '小程序码生成失败，请把下面的邀请码发给对方' : '正在生成小程序码…'}</p>
        )}
        <div>
          <p>{`请 ${invitation.name} 用微信扫左侧小程序码，确认后即加入；不在身边时，把邀请码发给 TA，在 VIP Card 小程序的「接受邀请」页输入：`}</p>
          <p className="invitation__code">{invitation.code}</p>
          <p className="invitation__line">{`小程序页面：${invitation.path}`}</p>
          <p className="invitation__line">{`有效期至 ${deskTime(invitation.expiresAt)}，只能使用一次`}</p>
        </div>
      </div>
    </div>
  )
}

export const InviteStaffDialog = ({ stores, onClose, onInvited }: { stores: StoreView[]; onClose: () => void; onInvited: () => void }) => {
  const form = useSubmit()
  const [storeId, setStoreId] = useState<string | undefined>()
  const [role, setRole] = useState<StaffRole>('assistant')
  const [name, setName] = useState('')
  const [staffId, setStaffId] = useState('')
  const [invitation, setInvitation] = useState<InvitationView | null>(null)
  const status = (field: string) => ({ help: form.fieldError(field), status: form.fieldError(field) ? ('error' as const) : undefined })
  const invite = async () => {
    if (invitation) return onClose()
    const done = await form.submit((requestId) => call('setup', 'inviteStaff', { storeId: storeId ?? '', role, name, staffId, requestId }))
    if (!done) return
    setInvitation(done.invitation)
    void MessagePlugin.success('邀请已生成')
    onInvited()
  }
  return (
    <Dialog
      visible
      width={560}
      header="邀请员工"
      confirmBtn={{ content: invitation ? '完成' : '生成邀请码', loading: form.submitting }}
      cancelBtn={invitation ? null : '取消'}
      onConfirm={() => void invite()}
      onClose={onClose}
    >
      {invitation ? (
        <Invitation invitation={invitation} />
      ) : (
        <Form labelWidth={80}>
          <Field label="门店" {...status('storeId')}>
            <StoreSelect stores={stores} value={storeId} onChange={setStoreId} />
          </Field>
          <Field label="岗位" {...status('role')}>
            <Radio.Group value={role} onChange={(v) => setRole(v)}>
              <Radio value="assistant">{ROLE_WORDS.assistant}</Radio>
              <Radio value="manager">{ROLE_WORDS.manager}</Radio>
            </Radio.Group>
          </Field>
          <Field label="姓名" {...status('name')}>
            <Input value={name} onChange={(v) => setName(String(v))} maxlength={20} />
          </Field>
          <Field label="工号" {...status('staffId')}>
            <Input value={staffId} onChange={(v) => setStaffId(String(v).toUpperCase())} placeholder="例如 A07" />
          </Field>
        </Form>
      )}
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}

/**
 * Hands every customer of `from` to one or several active colleagues of the same store, dealt in turn; the dialog
 * shows who would receive how many before anything moves. A long hand-over runs in batches: the same request is sent
 * again until it says done (or the hourly upkeep finishes it if the desk is closed).
 */
export const HandOverDialog = ({ from, onClose, onDone }: { from: StaffRow; onClose: () => void; onDone: () => void }) => {
  const form = useSubmit()
  const [colleagues, setColleagues] = useState<StaffRow[]>([])
  const [toStaffIds, setToStaffIds] = useState<string[]>([])
  const [preview, setPreview] = useState<HandOverPreview | null>(null)
  const [progress, setProgress] = useState<string | null>(null)
  useEffect(() => {
    call('setup', 'listStaff', { filter: { storeId: from.store.id, active: true }, limit: 100 })
      .then((page) => setColleagues(page.rows.filter((s) => s.staffId !== from.staffId)))
      .catch(() => setColleagues([]))
  }, [from])
  useEffect(() => {
    setPreview(null)
    if (toStaffIds.length === 0) return
    let current = true
    call('setup', 'previewHandOver', { fromStaffId: from.staffId, toStaffIds })
      .then((answer) => current && setPreview(answer.preview))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [from, toStaffIds])
  const handOver = async () => {
    const done = await form.submit(async (requestId) => {
      for (;;) {
        const { handOver } = await call('setup', 'handOverCustomers', { fromStaffId: from.staffId, toStaffIds, requestId })
        setProgress(`已移交 ${handOver.moved} 位，剩余 ${handOver.remaining} 位`)
        if (handOver.done) return handOver
      }
    })
    if (!done) return
    void MessagePlugin.success(`${from.name} 的顾客已全部移交给 ${done.to.map((s) => s.name).join('、')}`)
    onDone()
  }
  return (
    <Dialog
      visible
      header={`移交顾客：${from.name}（${from.customers} 位）`}
      confirmBtn={{ content: '确认移交', loading: form.submitting, disabled: toStaffIds.length === 0 }}
      onConfirm={() => void handOver()}
      onClose={onClose}
    >
      <Form labelWidth={80}>
        <Field
          label="移交给"
          {...{
            help: form.fieldError('toStaffIds') ?? '同店在职同事，可多选：顾客轮流分给每位',
            status: form.fieldError('toStaffIds') ? 'error' : undefined,
          }}
        >
          <Select
            multiple
            value={toStaffIds}
            onChange={(v) => setToStaffIds((v as string[]).slice())}
            options={colleagues.map((s) => ({ value: s.staffId, label: `${s.name}（${s.staffId}，${ROLE_WORDS[s.role]}）` }))}
            placeholder={colleagues.length ? '选择同事' : '该店没有其他在职员工'}
          />
        </Field>
      </Form>
      {preview && (
        <p className="dialog__note">
          {`共 ${preview.customers} 位顾客：` + preview.shares.map((s) => `${s.name} ${s.customers} 位`).join('，')}
        </p>
      )}
      {progress && <p className="dialog__note">{progress}</p>}
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}
