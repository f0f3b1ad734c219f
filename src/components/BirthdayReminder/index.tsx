import { Text, View } from '@tarojs/components'
import type { SubscribeTemplates } from '../../api/contract'
import { useBirthdayReminder } from './useBirthdayReminder'
import './index.scss'

/** A small opt-in: "生日礼券到账提醒", one tap to be told when the birthday card arrives. */
export const BirthdayReminder = ({ templates }: { templates: SubscribeTemplates }) => {
  const { state, optIn } = useBirthdayReminder(templates)
  return (
    <View className="birthday-reminder">
      <View className="birthday-reminder__text">
        <Text className="birthday-reminder__title">生日礼券到账提醒</Text>
        <Text className="birthday-reminder__hint">
          {state.status === 'accepted'
            ? '已开启：生日月7折卡到账时微信通知您'
            : state.status === 'declined'
              ? '未开启提醒，下次兑换后可再开启'
              : state.status === 'failed'
                ? state.message
                : '生日月7折卡到账时微信通知您一次'}
        </Text>
      </View>
      {state.status === 'accepted' ? (
        <Text className="birthday-reminder__done">已开启</Text>
      ) : state.status === 'declined' ? null : (
        <Text className="birthday-reminder__action" onClick={optIn}>
          {state.status === 'asking' ? '请稍候…' : state.status === 'failed' ? '重试' : '开启提醒'}
        </Text>
      )}
    </View>
  )
}
