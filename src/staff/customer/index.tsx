import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { Chips, onOneValue, onTagText } from '../../components/Chips'
import type { ActionOutput, StaffView } from '../../api/contract'
import { Field } from '../../components/Field'
import { StatusScreen } from '../../components/StatusScreen'
import { CallbackHistory, CustomerCardFacts, CustomerSummary } from '../../components/Workbench/CustomerRecord'
import { CLOTHING_SIZES, COLOURS, MAX_COLOURS, SHOE_SIZES } from '../../domain/preferences'
import { CALLBACK_OUTCOMES } from '../../domain/staff'
import { businessTime } from '../../domain/time'
import { dateText } from '../../wording/dates'
import { nextCallbackText, OUTCOME_NAMES, parseTags, revealText } from '../../wording/workbench'
import { Pills } from '../shared/Pills'
import { StaffDesk } from '../shared/StaffDesk'
import { ContactPanel } from './ContactPanel'
import { useCallbackLog, useCardEditor, useCustomer, useReassign } from './useCustomer'
import '../shared/workbench.scss'
import './index.scss'

type CustomerRecord = ActionOutput<'staff', 'customer'>
type Page = ReturnType<typeof useCustomer>

const tomorrow = () => dateText(businessTime(new Date()).add(1, 'day').toDate(), 'pickerDate')

/** "顾客详情": who the customer is and what they are worth, their card, the callbacks, and who looks after them. */
const CustomerPage = () => {
  const page = useCustomer()
  const { state } = page
  return (
    <StaffDesk>
      {(staff) => (
        <>
          {state.status === 'loading' && <StatusScreen mark="…" title="正在加载顾客资料" />}
          {state.status === 'failed' && (
            <StatusScreen mark="!" title="顾客资料暂时打不开" message={state.message}>
              <Button className="btn btn--primary" onClick={page.retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {state.status === 'ready' && (
            <>
              <Summary record={state} page={page} staff={staff} />
              <ContactPanel customer={state.customer} staff={staff} onLogged={page.reload} />
              <CardPanel record={state} page={page} />
              <CallbackPanel record={state} page={page} />
              <History record={state} />
              {state.phoneReveals && <PhoneReveals reveals={state.phoneReveals} />}
            </>
          )}
        </>
      )}
    </StaffDesk>
  )
}

/** Who, how valuable, when last seen; who looks after them (a manager may hand them to someone else). */
const Summary = ({ record, page, staff }: { record: CustomerRecord; page: Page; staff: StaffView }) => {
  const c = record.customer
  const reassign = useReassign(c, page.replace)
  return (
    <View className="desk__panel customer-summary">
      <CustomerSummary
        customer={c}
        assistantAction={
          staff.role === 'manager' &&
          !reassign.open && (
            <Text className="customer-summary__change" onClick={reassign.start}>
              更换导购
            </Text>
          )
        }
      />
      {reassign.done && <Text className="wb-done customer-summary__done">{reassign.done}</Text>}
      {reassign.open && <ReassignStep reassign={reassign} customerName={c.name} current={c.assistant?.name ?? '未分配'} />}
    </View>
  )
}

const ReassignStep = ({
  reassign,
  customerName,
  current,
}: {
  reassign: ReturnType<typeof useReassign>
  customerName: string
  current: string
}) => (
  <View className="reassign">
    <Text className="desk__step">更换负责导购</Text>
    {reassign.confirming ? (
      <>
        <Text className="reassign__question">{`将 ${customerName} 由 ${current} 改为 ${reassign.chosenName} 负责？`}</Text>
        <Text className="desk__note">更换后顾客出现在新导购的「我的顾客」中，更换记录会保留。</Text>
        {reassign.error && <Text className="form-error">{reassign.error}</Text>}
        <Button
          className={`btn btn--primary desk__action${reassign.sending ? ' btn--disabled' : ''}`}
          disabled={reassign.sending}
          onClick={reassign.confirm}
        >
          {reassign.sending ? '正在更换…' : '确认更换'}
        </Button>
        {!reassign.sending && (
          <Text className="desk__link" onClick={reassign.back}>
            返回重选
          </Text>
        )}
      </>
    ) : (
      <>
        {reassign.options === null && !reassign.error && <Text className="wb-section__empty">正在加载本店导购…</Text>}
        {reassign.options?.length === 0 && <Text className="wb-section__empty">本店没有其他导购可以接手</Text>}
        {reassign.options && reassign.options.length > 0 && (
          <Pills
            options={reassign.options.map((s) => s.staffId)}
            words={Object.fromEntries(reassign.options.map((s) => [s.staffId, s.role === 'manager' ? `${s.name}（店长）` : s.name]))}
            value={reassign.chosen}
            pick={reassign.choose}
          />
        )}
        {reassign.error && <Text className="form-error">{reassign.error}</Text>}
        <View className="desk__row">
          <Button className="btn btn--secondary desk__half" onClick={reassign.cancel}>
            取消
          </Button>
          <Button className="btn btn--primary desk__half" onClick={reassign.review}>
            下一步
          </Button>
        </View>
      </>
    )}
  </View>
)

/** The handbook's customer card: sizes, favourite colours and styles, notes. */
const CardPanel = ({ record, page }: { record: CustomerRecord; page: Page }) => {
  const card = useCardEditor(record.customer, page.replace)
  return (
    <View className="desk__panel">
      <View className="panel-head">
        <Text className="desk__step panel-head__step">顾客资料卡</Text>
        {!card.editing && (
          <Text className="panel-head__action" onClick={card.edit}>
            编辑
          </Text>
        )}
      </View>
      {card.saved && !card.editing && <Text className="wb-done">已保存顾客资料</Text>}
      {card.draft ? (
        <View className="card-form">
          {/* Sizes and colours are tapped, not typed (src/domain/preferences); one on file from before stays a chip. */}
          <Field label="服装尺码" error={card.errors.clothingSize} hint="再点一下取消">
            <Chips
              list={CLOTHING_SIZES}
              chosen={card.draft.clothingSize ? [card.draft.clothingSize] : []}
              change={(update) => card.update('clothingSize', onOneValue(update))}
            />
          </Field>
          <Field label="鞋码" error={card.errors.shoeSize}>
            <Chips
              list={SHOE_SIZES}
              chosen={card.draft.shoeSize ? [card.draft.shoeSize] : []}
              change={(update) => card.update('shoeSize', onOneValue(update))}
            />
          </Field>
          <Field label="喜欢的颜色" error={card.errors.colours} hint={`可多选，最多 ${MAX_COLOURS} 项`}>
            <Chips
              list={COLOURS}
              chosen={parseTags(card.draft.colours)}
              multiple
              max={MAX_COLOURS}
              change={(update) => card.update('colours', onTagText(update))}
            />
          </Field>
          <Field label="喜欢的风格" error={card.errors.styles} hint="多个用顿号或空格分开，最多 10 项">
            <Input
              className="field__input"
              placeholderClass="field__placeholder"
              placeholder="例如 通勤、简约"
              maxlength={120}
              value={card.draft.styles}
              onInput={(e) => card.change('styles', e.detail.value)}
            />
          </Field>
          <Field label="备注" error={card.errors.notes} hint="选填，最多 500 字">
            <Textarea
              className="wb-textarea"
              placeholderClass="field__placeholder"
              placeholder="喜好、忌讳、家人、想要的款式"
              maxlength={500}
              value={card.draft.notes}
              onInput={(e) => card.change('notes', e.detail.value)}
            />
          </Field>
          {card.errors.form && <Text className="form-error">{card.errors.form}</Text>}
          <View className="desk__row">
            <Button className="btn btn--secondary desk__half" onClick={card.cancel}>
              取消
            </Button>
            <Button
              className={`btn btn--primary desk__half${card.saving ? ' btn--disabled' : ''}`}
              disabled={card.saving}
              onClick={card.save}
            >
              {card.saving ? '正在保存…' : '保存资料'}
            </Button>
          </View>
        </View>
      ) : (
        <CustomerCardFacts profile={record.customer.profile} empty="还没有填写尺码和喜好，点「编辑」补充" />
      )}
    </View>
  )
}

/** "记录回访": how it went, a note, when to call next (the server's default unless changed). */
const CallbackPanel = ({ record, page }: { record: CustomerRecord; page: Page }) => {
  const log = useCallbackLog(record.customer.memberNo, record.callbackDefaultDate, page.reload)
  const { draft, errors } = log
  const next = log.logged && nextCallbackText(log.logged.nextAt)
  return (
    <View className="desk__panel">
      <Text className="desk__step">记录回访</Text>
      {log.loggedText && <Text className="wb-done">{next ? `${log.loggedText}，${next}` : log.loggedText}</Text>}
      <View className={`field callback-outcome${errors.outcome ? ' field--invalid' : ''}`}>
        <Text className="field__label">回访结果</Text>
        <Pills
          options={CALLBACK_OUTCOMES}
          words={OUTCOME_NAMES}
          value={draft.outcome}
          pick={(outcome) => log.change('outcome', { outcome })}
        />
        {errors.outcome && <Text className="field__error">{errors.outcome}</Text>}
      </View>
      <Field label="回访记录" error={errors.note} hint="选填，最多 200 字">
        <Textarea
          className="wb-textarea wb-textarea--short"
          placeholderClass="field__placeholder"
          placeholder="聊了什么、顾客的需求"
          maxlength={200}
          value={draft.note}
          onInput={(e) => log.change('note', { note: e.detail.value })}
        />
      </Field>
      <Field
        label="下次回访"
        error={errors.nextDate}
        hint={draft.nextDate === record.callbackDefaultDate ? '默认按每月回访安排，可修改' : undefined}
      >
        {/* Tomorrow by the phone's clock only guides the wheel: the server's day decides (and says so at this row). */}
        <Picker
          mode="date"
          value={draft.nextDate}
          start={tomorrow()}
          onChange={(e) => log.change('nextDate', { nextDate: String(e.detail.value) })}
        >
          <Text className="field__input callback-date">{draft.nextDate}</Text>
        </Picker>
      </Field>
      {errors.form && <Text className="form-error">{errors.form}</Text>}
      {log.unanswered && <Text className="desk__note">未收到结果，可放心重试：同一次回访不会重复记录。</Text>}
      <Button
        className={`btn btn--primary desk__action${log.submitting ? ' btn--disabled' : ''}`}
        disabled={log.submitting}
        onClick={log.submit}
      >
        {log.submitting ? '正在保存…' : log.unanswered ? '重试保存' : '保存回访'}
      </Button>
    </View>
  )
}

/** Earlier callbacks, newest first: when, who, how it went, what was said, the next date agreed. */
const History = ({ record }: { record: CustomerRecord }) => (
  <View className="desk__panel">
    <Text className="desk__step">回访记录</Text>
    <CallbackHistory callbacks={record.callbacks} />
  </View>
)

/** The store manager's view of the audit: who saw the customer's full number, and when. */
const PhoneReveals = ({ reveals }: { reveals: NonNullable<CustomerRecord['phoneReveals']> }) => (
  <View className="desk__panel">
    <Text className="desk__step">号码查看记录</Text>
    {reveals.length === 0 ? (
      <Text className="wb-section__empty">还没有人查看过完整号码</Text>
    ) : (
      reveals.map((r, index) => (
        <Text key={`${index}-${r.at}`} className="reveal-entry">
          {revealText(r)}
        </Text>
      ))
    )}
  </View>
)

export default CustomerPage
