import type { SubscribeTemplates } from '../../api/contract'
import { ReminderOptIn } from '../ReminderOptIn'

const WORDING = {
  title: '生日礼券到账提醒',
  offer: '生日月7折卡到账时微信通知您一次',
  accepted: '已开启：生日月7折卡到账时微信通知您',
  declined: '未开启提醒，下次兑换后可再开启',
}

const KINDS = ['birthdayCoupon'] as const

/** "生日礼券到账提醒": one tap to be told when the birthday card arrives. */
export const BirthdayReminder = ({ templates }: { templates: SubscribeTemplates }) => (
  <ReminderOptIn className="birthday-reminder" templates={templates} kinds={KINDS} wording={WORDING} />
)
