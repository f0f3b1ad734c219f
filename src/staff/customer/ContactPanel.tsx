import { Button, Text, View } from '@tarojs/components'
import type { CustomerView, StaffView } from '../../api/contract'
import { CALLBACK_OUTCOMES } from '../../domain/staff'
import { MESSAGE_TEMPLATES, OUTCOME_NAMES, spacedMobile, TEMPLATE_NAMES } from '../../wording/workbench'
import { Pills } from '../shared/Pills'
import { useContact } from './useContact'

/** Why there is no 拨打电话 button: the number is the customer's own assistant's to see. */
const hiddenNote = (customer: CustomerView, staff: StaffView, own: boolean): string =>
  own
    ? '手机号未核实，暂不能拨打：请先在店内核实顾客身份'
    : staff.role === 'manager'
      ? '手机号仅负责导购可查看。如需由您联系，请先「更换导购」为自己'
      : `手机号仅负责导购${customer.assistant ? `（${customer.assistant.name}）` : ''}可查看`

/** 联系顾客: call (the own assistant), one tap on how the call went, and a message to copy. */
export const ContactPanel = ({
  customer,
  staff,
  onLogged,
}: {
  customer: CustomerView
  staff: StaffView
  onLogged: () => Promise<void>
}) => {
  const c = useContact(customer, staff, onLogged)
  const { phone } = c
  return (
    <View className="desk__panel contact">
      <Text className="desk__step">联系顾客</Text>
      {c.callable ? (
        <>
          {phone.status === 'shown' && <Text className="contact__number">{spacedMobile(phone.mobile)}</Text>}
          <Button
            className={`btn btn--primary desk__action${phone.status === 'revealing' ? ' btn--disabled' : ''}`}
            disabled={phone.status === 'revealing'}
            onClick={c.call}
          >
            {phone.status === 'revealing' ? '正在获取号码…' : '拨打电话'}
          </Button>
          {phone.status === 'failed' && <Text className="form-error">{phone.message}</Text>}
          <Text className="desk__note">
            {phone.status === 'shown'
              ? c.canDial
                ? '号码仅用于联系顾客，本次查看已记录'
                : '预览中不能拨号，请用手机拨打；本次查看已记录'
              : '号码已隐藏，拨打时显示，每次查看都会记录'}
          </Text>
        </>
      ) : (
        <Text className="desk__note">{hiddenNote(customer, staff, c.own)}</Text>
      )}
      {c.called && (
        <View className="contact__outcomes">
          <Text className="contact__label">通话结果：点一下即记录回访</Text>
          <Pills options={CALLBACK_OUTCOMES} words={OUTCOME_NAMES} value={c.sending} pick={c.logOutcome} />
        </View>
      )}
      {c.logged && <Text className="wb-done contact__logged">{c.logged}</Text>}
      {c.error && <Text className="form-error">{c.error}</Text>}

      <View className="contact__message">
        <Text className="contact__label">发消息：复制话术到微信</Text>
        <Pills options={MESSAGE_TEMPLATES} words={TEMPLATE_NAMES} value={c.template} pick={c.pickTemplate} />
        <Text className="contact__template" userSelect>
          {c.text}
        </Text>
        <Button className="btn btn--secondary desk__action" onClick={c.copy}>
          复制话术
        </Button>
        {c.copied && <Text className="desk__note">{c.copied}</Text>}
      </View>
    </View>
  )
}
