import { Text, View } from '@tarojs/components'
import type { SubscribeTemplates } from '../../api/contract'
import type { SubscriptionKind } from '../../domain/member'
import { useReminderOptIn } from './useReminderOptIn'
import './index.scss'

/** What an opt-in says: its title, and the line under it before and after the shopper's answer. */
export interface ReminderWording {
  title: string
  offer: string
  accepted: string
  declined: string
}

interface Props {
  templates: SubscribeTemplates
  /** The messages it asks consent for, in one WeChat sheet. */
  kinds: readonly SubscriptionKind[]
  wording: ReminderWording
  /** Names the opt-in on the page (e.g. "birthday-reminder"), next to its own block class. */
  className?: string
}

/** A small opt-in, one tap to be told by WeChat when something the shopper waits for happens. */
export const ReminderOptIn = ({ templates, kinds, wording, className }: Props) => {
  const { state, optIn } = useReminderOptIn(templates, kinds)
  return (
    <View className={`reminder-opt-in${className ? ` ${className}` : ''}`}>
      <View className="reminder-opt-in__text">
        <Text className="reminder-opt-in__title">{wording.title}</Text>
        <Text className="reminder-opt-in__hint">
          {state.status === 'accepted'
            ? wording.accepted
            : state.status === 'declined'
              ? wording.declined
              : state.status === 'failed'
                ? state.message
                : wording.offer}
        </Text>
      </View>
      {state.status === 'accepted' ? (
        <Text className="reminder-opt-in__done">已开启</Text>
      ) : state.status === 'declined' ? null : (
        <Text className="reminder-opt-in__action" onClick={optIn}>
          {state.status === 'asking' ? '请稍候…' : state.status === 'failed' ? '重试' : '开启提醒'}
        </Text>
      )}
    </View>
  )
}
