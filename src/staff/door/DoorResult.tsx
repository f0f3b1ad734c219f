import { Text, View } from '@tarojs/components'
import { checkedInText, checkInTime, seatsText } from '../../wording/events'
import { formatPoints } from '../../wording/points'
import type { DoorOutcome } from './doorForm'

/** The answer to a scan, big: who, how many, the points; or when they came in before; or why not. */
export const DoorResult = ({ outcome }: { outcome: DoorOutcome }) => {
  if (outcome.kind === 'refused') {
    return (
      <View className="door-result door-result--refused">
        <View className="door-result__mark">!</View>
        <Text className="door-result__message">{outcome.message}</Text>
      </View>
    )
  }
  const { result, otherEvent } = outcome
  const first = outcome.kind === 'in'
  return (
    <View className={`door-result door-result--${outcome.kind}`}>
      <View className="door-result__mark">{first ? '' : 'i'}</View>
      <Text className="door-result__name">{result.guest.name}</Text>
      <Text className="door-result__seats">{seatsText(result.guest.seats)}</Text>
      {first ? (
        <>
          {result.pointsCredited > 0 && <Text className="door-result__points">{`+${formatPoints(result.pointsCredited)} 积分`}</Text>}
          <Text className="door-result__line">{`${checkInTime(result.checkedInAt)} 签到成功`}</Text>
        </>
      ) : (
        <>
          <Text className="door-result__again">{checkedInText(result.checkedInAt)}</Text>
          <Text className="door-result__line">重复扫码，未再加积分</Text>
        </>
      )}
      {otherEvent && <Text className="door-result__other">{`注意：该票属于本店另一场活动「${otherEvent}」`}</Text>}
    </View>
  )
}
