/** The corrections an operator makes on a member's page: points, birthday, store. Each asks for a reason. */
import { useEffect, useState } from 'react'
import { Dialog, Form, InputNumber, MessagePlugin, Select, Textarea } from 'tdesign-react'
import type { MemberPageView, StoreDirectoryEntry } from '../../../../src/api/contract'
import { call } from '../../cloud'
import { Field } from '../../forms/Field'
import { StoreSelect } from '../../forms/StoreSelect'
import { useSubmit } from '../../forms/useSubmit'
import { useStores } from '../../lists/useStores'

interface Props {
  member: MemberPageView['member']
  onClose: () => void
  onDone: () => void
}

const Reason = ({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) => (
  <Field label="原因" help={error} status={error ? 'error' : undefined}>
    <Textarea value={value} onChange={(v) => onChange(String(v))} placeholder="至少 4 个字，例如：顾客投诉核实后补偿" maxlength={100} />
  </Field>
)

const Refusal = ({ error }: { error: string | null }) => (error ? <p className="page__error">{error}</p> : null)

export const AdjustPointsDialog = ({ member, onClose, onDone }: Props) => {
  const form = useSubmit()
  const [points, setPoints] = useState<number | undefined>()
  const [reason, setReason] = useState('')
  const confirm = async () => {
    const done = await form.submit((requestId) =>
      call('ops', 'adjustPoints', { memberCode: member.memberNo, points: points ?? 0, reason, requestId }),
    )
    if (!done) return
    void MessagePlugin.success(
      `已调整 ${done.adjustment.points > 0 ? '+' : ''}${done.adjustment.points} 积分，余 ${done.adjustment.balanceAfter}`,
    )
    onDone()
  }
  return (
    <Dialog
      visible
      header={`调整积分：${member.name}`}
      confirmBtn={{ content: '确认调整', loading: form.submitting }}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Form labelWidth={80}>
        <Field label="当前积分">{member.pointsBalance}</Field>
        <Field
          label="调整"
          help={form.fieldError('points') ?? '正数为增加，负数为扣减'}
          status={form.fieldError('points') ? 'error' : undefined}
        >
          <InputNumber
            value={points}
            onChange={(v) => setPoints(typeof v === 'number' ? v : undefined)}
            placeholder="例如 200 或 -200"
            theme="normal"
          />
        </Field>
        <Reason value={reason} onChange={setReason} error={form.fieldError('reason')} />
      </Form>
      <Refusal error={form.error} />
    </Dialog>
  )
}

export const CorrectBirthdayDialog = ({ member, onClose, onDone }: Props) => {
  const form = useSubmit()
  const [month, setMonth] = useState<number | undefined>(member.birthday?.month)
  const [day, setDay] = useState<number | undefined>(member.birthday?.day)
  const [year, setYear] = useState<number | undefined>(member.birthday?.year)
  const [reason, setReason] = useState('')
  const confirm = async () => {
    const done = await form.submit((requestId) =>
      call('ops', 'correctMemberBirthday', {
        memberCode: member.memberNo,
        birthday: { month: month ?? 0, day: day ?? 0, ...(year ? { year } : {}) },
        reason,
        requestId,
      }),
    )
    if (!done) return
    void MessagePlugin.success(done.birthdayCardIssued ? '生日已更正，本月生日礼券已发放' : '生日已更正')
    onDone()
  }
  const birthdayError = form.fieldError('birthday')
  return (
    <Dialog
      visible
      header={`更正生日：${member.name}`}
      confirmBtn={{ content: '确认更正', loading: form.submitting }}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Form labelWidth={80}>
        <Field label="生日" help={birthdayError} status={birthdayError ? 'error' : undefined}>
          <div className="inline-fields">
            <InputNumber
              value={year}
              onChange={(v) => setYear(typeof v === 'number' ? v : undefined)}
              placeholder="年（可不填）"
              theme="normal"
            />
            <Select
              value={month}
              onChange={(v) => setMonth(v as number)}
              options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
            />
            <InputNumber
              value={day}
              onChange={(v) => setDay(typeof v === 'number' ? v : undefined)}
              min={1}
              max={31}
              placeholder="日"
              theme="normal"
            />
          </div>
        </Field>
        <Reason value={reason} onChange={setReason} error={form.fieldError('reason')} />
      </Form>
      <p className="dialog__note">更正到本月时，若今年尚未发放，会立即发放本年度生日礼券（每年一张）。</p>
      <Refusal error={form.error} />
    </Dialog>
  )
}

export const MoveStoreDialog = ({ member, onClose, onDone }: Props) => {
  const form = useSubmit()
  const [stores, setStores] = useState<StoreDirectoryEntry[]>([])
  const [storeId, setStoreId] = useState<string | undefined>()
  const [assistantId, setAssistantId] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  useEffect(() => {
    call('ops', 'storeDirectory', {})
      .then(({ stores }) => setStores(stores))
      .catch(() => setStores([]))
  }, [])
  const store = stores.find((s) => s.id === storeId)
  const confirm = async () => {
    const done = await form.submit((requestId) =>
      call('ops', 'moveMemberStore', { memberCode: member.memberNo, storeId: storeId ?? '', assistantId, reason, requestId }),
    )
    if (!done) return
    void MessagePlugin.success(`已调整到${done.member.store?.name ?? '新门店'}`)
    onDone()
  }
  return (
    <Dialog
      visible
      header={`调整门店：${member.name}`}
      confirmBtn={{ content: '确认调整', loading: form.submitting }}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Form labelWidth={80}>
        <Field label="当前">{`${member.store?.name ?? '未分配门店'}${member.assistant ? `（导购 ${member.assistant.name}）` : ''}`}</Field>
        <Field label="新门店" help={form.fieldError('storeId')} status={form.fieldError('storeId') ? 'error' : undefined}>
          <Select
            value={storeId}
            onChange={(v) => {
              setStoreId(v as string)
              setAssistantId(null)
            }}
            options={stores.map((s) => ({ value: s.id, label: s.name }))}
            placeholder="选择门店"
          />
        </Field>
        <Field
          label="导购"
          help={form.fieldError('assistantId') ?? '不选则由该店店长分配'}
          status={form.fieldError('assistantId') ? 'error' : undefined}
        >
          <Select
            value={assistantId ?? undefined}
            clearable
            disabled={!store}
            onChange={(v) => setAssistantId((v as string) || null)}
            options={(store?.staff ?? []).map((p) => ({ value: p.staffId, label: `${p.name}（${p.staffId}）` }))}
            placeholder="由店长分配"
          />
        </Field>
        <Reason value={reason} onChange={setReason} error={form.fieldError('reason')} />
      </Form>
      <Refusal error={form.error} />
    </Dialog>
  )
}

interface MoveManyProps {
  /** How many members the move is for (the dialog names it: what the operator confirms). */
  count: number
  onClose: () => void
  /** The chosen store and the reason; the page runs the single move for each member. */
  onConfirm: (move: { storeId: string; reason: string }) => void
}

/**
 * 批量转店: one store and one reason for several members (each then looked after by the store's manager, who
 * assigns an assistant). The reason is checked here as the server checks it, so a short one does not fail every row.
 */
export const MoveStoresDialog = ({ count, onClose, onConfirm }: MoveManyProps) => {
  const stores = useStores()
  const [storeId, setStoreId] = useState<string | undefined>()
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const storeError = tried && !storeId ? '请选择门店' : undefined
  const reasonError = tried && reason.trim().length < 4 ? '请写明原因（至少 4 个字）' : undefined
  const confirm = () => {
    setTried(true)
    if (storeId && reason.trim().length >= 4) onConfirm({ storeId, reason: reason.trim() })
  }
  return (
    <Dialog visible header={`调整 ${count} 位会员的门店`} confirmBtn="确认调整" onConfirm={confirm} onClose={onClose}>
      <Form labelWidth={80}>
        <Field label="新门店" help={storeError} status={storeError ? 'error' : undefined}>
          <StoreSelect stores={stores} value={storeId} onChange={setStoreId} />
        </Field>
        <Reason value={reason} onChange={setReason} error={reasonError} />
      </Form>
      <p className="dialog__note">逐位调整，导购由新门店店长分配；已在该门店的会员不会调整，将列出原因。</p>
    </Dialog>
  )
}
