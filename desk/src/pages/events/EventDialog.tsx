/**
 * Creating or editing a member event: the phone editor's form (src/ops/events/eventForm.ts) at PC size — the
 * draft, its checks against the server's own schema, the edit's rules (store, tiers, points and guests stay as
 * promised once announced) — with a cover uploaded from the computer and date-time pickers in business time.
 */
import { useState } from 'react'
import { Checkbox, DatePicker, Dialog, Form, Input, InputNumber, MessagePlugin, Select, Textarea } from 'tdesign-react'
import type { EventRow } from '../../../../src/api/contract'
import type { TierId } from '../../../../src/domain/program'
import {
  checkEvent,
  checkEventEdit,
  newEventDraft,
  type EventDraft,
  type EventErrors,
  type EventRow as FormRow,
  type When,
} from '../../../../src/ops/events/eventForm'
import { call } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { Field } from '../../forms/Field'
import { PicturePicker } from '../../forms/PicturePicker'
import { useSubmit } from '../../forms/useSubmit'
import { tierName } from '../../wording'
import { draftOfRow, whenOfText, whenText } from './eventDraft'

interface Props {
  event: EventRow | null
  onClose: () => void
  onSaved: () => void
}

const TIERS: TierId[] = ['member', 'vip', 'gold']

const WhenPicker = ({ value, onChange }: { value: When; onChange: (when: When) => void }) => (
  <DatePicker
    enableTimePicker
    value={value.date ? whenText(value) : ''}
    valueType="YYYY-MM-DD HH:mm:ss"
    format="YYYY-MM-DD HH:mm"
    onChange={(v) => onChange(whenOfText(String(v ?? '')))}
  />
)

const numberText = (v: unknown) => (typeof v === 'number' ? String(v) : '')

export const EventDialog = ({ event, onClose, onSaved }: Props) => {
  const form = useSubmit()
  const editing = event !== null
  const [draft, setDraft] = useState<EventDraft>(() => (event ? draftOfRow(event) : newEventDraft(new Date().toISOString())))
  const [errors, setErrors] = useState<EventErrors>({})
  const stores = useStores()
  const [uploading, setUploading] = useState(false)

  const change = (row: FormRow, patch: Partial<EventDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors(({ [row]: _cleared, form: _form, ...rest }) => rest)
  }
  // The form's own check first; the server's refusal (an unknown store, capacity under the seats taken) after.
  const status = (row: FormRow) => {
    const help = errors[row] ?? form.fieldError(row)
    return { help, status: help ? ('error' as const) : undefined }
  }

  const save = async () => {
    if (event) {
      const checked = checkEventEdit(event.id, draft)
      if (!checked.ok) return setErrors(checked.errors)
      setErrors({})
      const done = await form.submit(() => call('event', 'update', checked.input))
      if (!done) return
      void MessagePlugin.success(`已保存「${done.event.title}」`)
    } else {
      const checked = checkEvent(draft, new Date().toISOString())
      if (!checked.ok) return setErrors(draft.storeId ? checked.errors : { ...checked.errors, storeId: '请选择门店' })
      setErrors({})
      const done = await form.submit((requestId) => call('event', 'create', { ...checked.input, requestId }))
      if (!done) return
      void MessagePlugin.success(`已创建「${done.event.title}」`)
    }
    onSaved()
  }

  return (
    <Dialog
      visible
      width={760}
      top={40}
      header={event ? `编辑活动：${event.title}` : '新建活动'}
      confirmBtn={{ content: '保存', loading: form.submitting, disabled: uploading }}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Form labelWidth={100}>
        <Field label="活动名称" {...status('title')}>
          <Input
            value={draft.title}
            onChange={(v) => change('title', { title: String(v) })}
            maxlength={30}
            placeholder="例如 秋冬新品品鉴会"
          />
        </Field>
        <Field label="封面图片" {...status('cover')}>
          <PicturePicker
            folder="events"
            value={draft.cover}
            onChange={(cover) => change('cover', { cover })}
            onUploading={setUploading}
            alt="封面图片"
            wide
          />
        </Field>
        <Field
          label="举办门店"
          {...status('storeId')}
          help={status('storeId').help ?? (editing ? '活动公布后门店不可更改' : '由该店导购在门口签到')}
        >
          <Select
            value={draft.storeId || undefined}
            disabled={editing}
            onChange={(v) => change('storeId', { storeId: typeof v === 'string' ? v : '' })}
            options={stores.map((s) => ({ value: s.id, label: s.name }))}
            placeholder="选择门店"
          />
        </Field>
        <div className="event-form__times">
          <Field label="开始时间" {...status('startsAt')}>
            <WhenPicker value={draft.starts} onChange={(starts) => change('startsAt', { starts })} />
          </Field>
          <Field label="结束时间" {...status('endsAt')}>
            <WhenPicker value={draft.ends} onChange={(ends) => change('endsAt', { ends })} />
          </Field>
          <Field label="报名截止" {...status('rsvpDeadline')}>
            <WhenPicker value={draft.rsvpDeadline} onChange={(rsvpDeadline) => change('rsvpDeadline', { rsvpDeadline })} />
          </Field>
          <Field label="取消截止" {...status('cancelDeadline')}>
            <WhenPicker value={draft.cancelDeadline} onChange={(cancelDeadline) => change('cancelDeadline', { cancelDeadline })} />
          </Field>
        </div>
        <Field label="名额" {...status('capacity')} help={status('capacity').help ?? '含会员携带的同伴；报满后可候补'}>
          <InputNumber
            value={draft.capacityText === '' ? undefined : Number(draft.capacityText)}
            min={1}
            max={10_000}
            onChange={(v) => change('capacity', { capacityText: numberText(v) })}
            theme="normal"
            suffix="人"
          />
        </Field>
        <Field label="可报名会员" {...status('tiers')}>
          <Checkbox.Group
            value={draft.tiers}
            disabled={editing}
            onChange={(v) => change('tiers', { tiers: TIERS.filter((t) => v.includes(t)) })}
            options={TIERS.map((t) => ({ value: t, label: tierName(t) }))}
          />
        </Field>
        <div className="inline-fields">
          <Field label="签到积分" {...status('attendancePoints')}>
            <InputNumber
              value={draft.pointsText === '' ? undefined : Number(draft.pointsText)}
              min={0}
              max={10_000}
              disabled={editing}
              onChange={(v) => change('attendancePoints', { pointsText: numberText(v) })}
              theme="normal"
              suffix="积分"
            />
          </Field>
          <Field label="每人可带同伴" {...status('maxGuests')}>
            <InputNumber
              value={draft.guestsText === '' ? undefined : Number(draft.guestsText)}
              min={0}
              max={5}
              disabled={editing}
              onChange={(v) => change('maxGuests', { guestsText: numberText(v) })}
              theme="normal"
              suffix="人"
            />
          </Field>
        </div>
        <Field label="活动介绍" {...status('description')}>
          <Textarea
            value={draft.description}
            onChange={(v) => change('description', { description: String(v) })}
            maxlength={500}
            autosize={{ minRows: 3, maxRows: 6 }}
            placeholder="活动内容、流程、着装或携带物品（选填）"
          />
        </Field>
      </Form>
      {(errors.form ?? form.error) && <p className="page__error">{errors.form ?? form.error}</p>}
    </Dialog>
  )
}
