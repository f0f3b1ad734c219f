import { Text, View } from '@tarojs/components'
import type { PurchaseResult } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import { TIER_NAMES } from '../../domain/program'
import { formatPoints } from '../../wording/points'
import { tierChangeWording } from '../../wording/tiers'

/**
 * What the recording did: points earned and any tier change. A replayed order changed nothing this time,
 * so what it did when first recorded is shown quietly rather than announced again.
 */
export const PurchaseReceipt = ({ result }: { result: PurchaseResult }) => {
  const { purchase, member, replayed } = result
  const points = `积分 +${formatPoints(purchase.pointsEarned)}`
  const tierChange = purchase.tierChange && tierChangeWording(purchase.tierChange)
  return (
    <View className={`receipt${replayed ? ' receipt--replayed' : ''}`}>
      <View className="receipt__mark">{replayed ? 'i' : ''}</View>
      {replayed ? (
        <>
          <Text className="receipt__title">该订单已录入，未重复计分</Text>
          <Text className="receipt__earlier">{`首次录入时：${[points, tierChange].filter(Boolean).join('，')}`}</Text>
        </>
      ) : (
        <>
          <Text className="receipt__title">录入成功</Text>
          <Text className="receipt__points">{points}</Text>
          {tierChange && <Text className="receipt__tier-change">{tierChange}</Text>}
        </>
      )}
      <View className="receipt__lines">
        <Text className="receipt__line">{`会员 ${member.name}（${TIER_NAMES[member.tier]}）`}</Text>
        <Text className="receipt__line">{`订单 ${purchase.orderNo} · ${formatYuan(purchase.amountFen)}`}</Text>
        <Text className="receipt__line">{`当前积分 ${formatPoints(member.pointsBalance)}`}</Text>
      </View>
    </View>
  )
}
