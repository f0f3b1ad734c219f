import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { EventView } from '../../api/contract'
import { Field } from '../../components/Field'
import { deadlinesLine, eventWhen } from '../../wording/events'
import { formatPoints } from '../../wording/points'
import { CoverPicker } from './CoverPicker'
import { WhenPicker } from './EventForm'
import type { useEventManager } from './useEventManager'

type Manager = ReturnType<typeof useEventManager>

/** "已确认 18 / 30 人 · 3 人候补": seats taken of the capacity, and the waitlist. */
export const seatsTakenLine = (event: Pick<EventView, 'capacity' | 'seatsLeft' | 'waiting'>): string =>
  `已确认 ${formatPoints(event.capacity - event.seatsLeft)} / ${formatPoints(event.capacity)} 人${event.waiting > 0 ? ` · ${formatPoints(event.waiting)} 人候补` : ''}`

const EditForm = ({ manager, event }: { manager: Manager; event: EventView }) => {
  if (manager.managing?.kind !== 'edit') return null
  const { draft, errors, busy } = manager.managing
  const taken = event.capacity - event.seatsLeft
  return (
    <View className="ops-event__manage ops-event-form">
      <Field label="活动名称" error={errors.title}>
        <Input
          className="field__input"
          maxlength={30}
          value={draft.title}
          onInput={(e) => manager.editChange('title', { title: e.detail.value })}
        />
      </Field>
      <Field label="活动介绍" error={errors.description}>
        <Textarea
          className="ops-textarea ops-event-form__description"
          maxlength={500}
          value={draft.description}
          onInput={(e) => manager.editChange('description', { description: e.detail.value })}
        />
      </Field>
      <CoverPicker value={draft.cover} error={errors.cover} onChange={(cover) => manager.editChange('cover', { cover })} />
      <Field label="开始时间" error={errors.startsAt}>
        <WhenPicker value={draft.starts} onChange={(starts) => manager.editChange('startsAt', { starts })} />
      </Field>
      <Field label="结束时间" error={errors.endsAt}>
        <WhenPicker value={draft.ends} onChange={(ends) => manager.editChange('endsAt', { ends })} />
      </Field>
      <Field label="名额" error={errors.capacity} hint={`已确认 ${taken} 人，名额不能少于此数；增加名额会按顺序递补候补会员`}>
        <Input
          className="field__input"
          type="number"
          maxlength={5}
          value={draft.capacityText}
          onInput={(e) => manager.editChange('capacity', { capacityText: e.detail.value })}
        />
      </Field>
      <Field label="报名截止" error={errors.rsvpDeadline}>
        <WhenPicker value={draft.rsvpDeadline} onChange={(rsvpDeadline) => manager.editChange('rsvpDeadline', { rsvpDeadline })} />
      </Field>
      <Field label="取消截止" error={errors.cancelDeadline}>
        <WhenPicker value={draft.cancelDeadline} onChange={(cancelDeadline) => manager.editChange('cancelDeadline', { cancelDeadline })} />
      </Field>
      {errors.form && <Text className="form-error">{errors.form}</Text>}
      <View className="ops-event__buttons">
        <Button className={`btn btn--primary ops-event__button${busy ? ' btn--disabled' : ''}`} disabled={busy} onClick={manager.save}>
          {busy ? '正在保存…' : '保存修改'}
        </Button>
        {!busy && (
          <Text className="ops-page__link ops-event__cancel" onClick={manager.cancel}>
            取消
          </Text>
        )}
      </View>
    </View>
  )
}

const CloseConfirm = ({ manager, event }: { manager: Manager; event: EventView }) => {
  if (manager.managing?.kind !== 'close') return null
  const { error, busy } = manager.managing
  return (
    <View className="ops-event__manage ops-event__closing">
      <Text className="ops-event__closing-title">{`停止「${event.title}」的报名？`}</Text>
      <Text className="ops-event__line">停止后会员不能再报名或加入候补；已确认的会员仍可凭电子票到场签到。</Text>
      {error && <Text className="form-error">{error}</Text>}
      <View className="ops-event__buttons">
        <Button
          className={`btn ops-event__button ops-event__button--danger${busy ? ' btn--disabled' : ''}`}
          disabled={busy}
          onClick={manager.confirmClose}
        >
          {busy ? '正在停止…' : '确认停止报名'}
        </Button>
        {!busy && (
          <Text className="ops-page__link ops-event__cancel" onClick={manager.cancel}>
            取消
          </Text>
        )}
      </View>
    </View>
  )
}

/** Every store's upcoming events, each editable or closable in place. */
export const EventManager = ({ manager }: { manager: Manager }) => {
  const { listed } = manager
  return (
    <View className="ops-page__panel">
      <Text className="ops-page__step">即将举办的活动</Text>
      {manager.managed && <Text className="ops-page__done">{manager.managed}</Text>}
      {listed.status === 'loading' && <Text className="ops-page__empty">正在加载活动…</Text>}
      {listed.status === 'failed' && (
        <Text className="ops-page__more ops-page__more--action" onClick={manager.retry}>
          {`活动列表暂时打不开（${listed.message}），点此重试`}
        </Text>
      )}
      {listed.status === 'ready' && listed.events.length === 0 && <Text className="ops-page__empty">还没有即将举办的活动</Text>}
      {listed.status === 'ready' &&
        listed.events.map((event) => {
          const mine = manager.managing?.eventId === event.id ? manager.managing : null
          return (
            <View key={event.id} className="ops-event">
              <View className="ops-event__top">
                <Text className="ops-event__title">{event.title}</Text>
                <Text className={`ops-event__status ops-event__status--${event.status}`}>
                  {event.status === 'open' ? '报名中' : '已停止报名'}
                </Text>
              </View>
              <Text className="ops-event__line">{`${eventWhen(event)}${event.store ? ` · ${event.store.name}` : ''}`}</Text>
              <Text className="ops-event__line">{deadlinesLine(event)}</Text>
              <Text className="ops-event__seats">{seatsTakenLine(event)}</Text>
              {mine?.kind === 'edit' && <EditForm manager={manager} event={event} />}
              {mine?.kind === 'close' && <CloseConfirm manager={manager} event={event} />}
              {!mine && (
                <View className="ops-event__actions">
                  <Text className="ops-event__action" onClick={() => manager.startEdit(event)}>
                    编辑
                  </Text>
                  {event.status === 'open' && (
                    <Text className="ops-event__action ops-event__action--danger" onClick={() => manager.startClose(event)}>
                      停止报名
                    </Text>
                  )}
                </View>
              )}
            </View>
          )
        })}
    </View>
  )
}
