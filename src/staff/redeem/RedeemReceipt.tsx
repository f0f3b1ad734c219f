import { Text, View } from '@tarojs/components'
import type { RedemptionResult } from '../../api/contract'
import { TIER_NAMES } from '../../domain/program'
import { formatPoints } from '../../wording/points'

/** What the redemption did: the points spent, on what, and the balance now. */
export const RedeemReceipt = ({ result }: { result: RedemptionResult }) => {
  const { redemption, member, replayed } = result
  const points = `积分 -${formatPoints(redemption.points)}`
  return (
    <View className={`receipt${replayed ? ' receipt--replayed' : ''}`}>
      <View className="receipt__mark">{replayed ? 'i' : ''}</View>
      {replayed ? (
        <>
          <Text className="receipt__title">该兑换已登记，未重复扣分</Text>
          <Text className="receipt__earlier">{`首次登记时：${redemption.reason}，${points}`}</Text>
        </>
      ) : (
        <>
          <Text className="receipt__title">兑换成功</Text>
          <Text className="receipt__points">{points}</Text>
          <Text className="receipt__earlier">{redemption.reason}</Text>
        </>
      )}
      <View className="receipt__lines">
        <Text className="receipt__line">{`会员 ${member.name}（${TIER_NAMES[member.tier]}）`}</Text>
        <Text className="receipt__line">{`当前积分 ${formatPoints(member.pointsBalance)}`}</Text>
      </View>
    </View>
  )
}
