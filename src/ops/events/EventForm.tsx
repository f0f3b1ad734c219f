import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { TIER_NAMES, type TierId } from '../../domain/program'
import { Choice } from '../shared/Choice'
import { CoverPicker } from './CoverPicker'
import type { EventRow, When } from './eventForm'
import type { useOpsEvent } from './useOpsEvent'

type Page = ReturnType<typeof useOpsEvent>

const TIERS: TierId[] = ['member', 'vip', 'gold']

/** A date and a time, picked apart: the two halves of one row. */
export const WhenPicker = ({ value, onChange }: { value: When; onChange: (value: When) => void }) => (
  <View className="ops-when">
    <Picker mode="date" value={value.date} onChange={(e) => onChange({ ...value, date: String(e.detail.value) })}>
      <Text className="ops-when__part">{value.date}</Text>
    </Picker>
    <Picker mode="time" value={value.time} onChange={(e) => onChange({ ...value, time: String(e.detail.value) })}>
      <Text className="ops-when__part">{value.time}</Text>
    </Picker>
  </View>
)

/** A text row: one input and its error. */
const TextRow = ({
  page,
  row,
  label,
  field,
  placeholder,
  hint,
  maxlength,
  number = false,
}: {
  page: Page
  row: EventRow
  label: string
  field: 'title' | 'storeId' | 'capacityText' | 'pointsText' | 'guestsText'
  placeholder: string
  hint?: string
  maxlength: number
  number?: boolean
}) => (
  <Field label={label} error={page.errors[row]} hint={hint}>
    <Input
      className="field__input"
      placeholderClass="field__placeholder"
      placeholder={placeholder}
      type={number ? 'number' : 'text'}
      maxlength={maxlength}
      value={page.draft[field]}
      onInput={(e) => page.change(row, { [field]: e.detail.value })}
    />
  </Field>
)

/** The new event's fields, each with its error beside it. */
export const EventForm = ({ page }: { page: Page }) => {
  const { draft, errors, change } = page
  return (
    <View className="ops-event-form">
      <TextRow page={page} row="title" field="title" label="活动名称" placeholder="例如 秋冬新品品鉴会" maxlength={30} />
      <Field label="活动介绍" error={errors.description} hint="选填，最多 500 字">
        <Textarea
          className="ops-textarea ops-event-form__description"
          placeholderClass="field__placeholder"
          placeholder="活动内容、流程、着装或携带物品"
          maxlength={500}
          value={draft.description}
          onInput={(e) => change('description', { description: e.detail.value })}
        />
      </Field>
      <CoverPicker value={draft.cover} error={errors.cover} onChange={(cover) => change('cover', { cover })} />
      <TextRow
        page={page}
        row="storeId"
        field="storeId"
        label="门店编号"
        placeholder="例如 SH001"
        hint="活动举办的门店，由该店导购签到"
        maxlength={40}
      />

      <Field label="开始时间" error={errors.startsAt}>
        <WhenPicker value={draft.starts} onChange={(starts) => change('startsAt', { starts })} />
      </Field>
      <Field label="结束时间" error={errors.endsAt}>
        <WhenPicker value={draft.ends} onChange={(ends) => change('endsAt', { ends })} />
      </Field>

      <TextRow
        page={page}
        row="capacity"
        field="capacityText"
        label="名额"
        placeholder="30"
        hint="含会员携带的同伴；报满后可候补"
        maxlength={5}
        number
      />
      <Text className="ops-form__label">可报名会员</Text>
      <Choice options={TIERS} words={TIER_NAMES} on={(t) => draft.tiers.includes(t)} pick={page.toggleTier} />
      {errors.tiers && <Text className="field__error ops-event-form__tiers-error">{errors.tiers}</Text>}

      <Field label="报名截止" error={errors.rsvpDeadline} hint="不晚于活动开始">
        <WhenPicker value={draft.rsvpDeadline} onChange={(rsvpDeadline) => change('rsvpDeadline', { rsvpDeadline })} />
      </Field>
      <Field label="取消截止" error={errors.cancelDeadline} hint="此后会员不能自行取消报名">
        <WhenPicker value={draft.cancelDeadline} onChange={(cancelDeadline) => change('cancelDeadline', { cancelDeadline })} />
      </Field>

      <TextRow
        page={page}
        row="attendancePoints"
        field="pointsText"
        label="签到积分"
        placeholder="50"
        hint="到场签到后赠送的积分，0 为不赠送"
        maxlength={5}
        number
      />
      <TextRow
        page={page}
        row="maxGuests"
        field="guestsText"
        label="每人可带同伴"
        placeholder="0"
        hint="0–5 人，0 为仅限会员本人"
        maxlength={1}
        number
      />

      {errors.form && <Text className="form-error">{errors.form}</Text>}
      <Button className="btn btn--primary ops-page__action" onClick={page.review}>
        创建活动
      </Button>
    </View>
  )
}
