import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { EventView } from '../../api/contract'
import { calendarEntry, placeLine } from '../../wording/events'
import './EventPlace.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' }).catch(() => undefined)

/**
 * WeChat's phone calendar (base library 2.15+; older ones lack it, so the action is not offered there). Not in the
 * browser preview: Taro's H5 stand-in reads the times as milliseconds, where WeChat takes seconds.
 */
const canAddToCalendar = () => process.env.TARO_ENV === 'weapp' && typeof Taro.addPhoneCalendar === 'function'

/**
 * Where an event is: the store and its address, 导航 (WeChat's map, when the store is placed on it) and, for a
 * ticket held, 添加到日历.
 */
export const EventPlace = ({ event, calendar }: { event: EventView; calendar: boolean }) => {
  const { store } = event
  if (!store) return null
  const navigate = () => {
    if (!store.location) return
    Taro.openLocation({ ...store.location, name: store.name, address: store.address, scale: 17 }).catch(() => toast('请在微信中打开地图'))
  }
  const addToCalendar = () =>
    Taro.addPhoneCalendar(calendarEntry(event)).then(
      () => toast('已添加到日历'),
      // A member who declines the calendar permission, or closes WeChat's sheet, needs no message.
      (e: { errMsg?: string }) => !/cancel|deny|auth/i.test(e?.errMsg ?? '') && toast('未能添加到日历'),
    )
  return (
    <View className="event-place">
      <Text className="event-place__line">{placeLine(store)}</Text>
      <View className="event-place__actions">
        {store.location && (
          <Text className="event-place__action" onClick={navigate}>
            导航
          </Text>
        )}
        {calendar && canAddToCalendar() && (
          <Text className="event-place__action" onClick={() => void addToCalendar()}>
            添加到日历
          </Text>
        )}
      </View>
    </View>
  )
}
