import { Text, View } from '@tarojs/components'
import type { PurchaseResult } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import { TIER_NAMES } from '../../domain/program'
import { formatPoints } from '../../wording/points'
import { tierChangeWording } from '../../wording/tiers'

/** What the recording did: points earned, any tier change, or that this order was already in. */
export const PurchaseReceipt = ({ result }: { result: PurchaseResult }) => {
  const { purchase, member, replayed } = result
  return (
    <View className={`receipt${replayed ? ' receipt--replayed' : ''}`}>
      <View className="receipt__mark">{replayed ? 'i' : ''}</View>
      <Text className="receipt__title">{replayed ? '该订单已录入，未重复计分' : '录入成功'}</Text>
      <Text className="receipt__points">{`积分 +${formatPoints(purchase.pointsEarned)}`}</Text>
      {purchase.tierChange && <Text className="receipt__tier-change">{tierChangeWording(purchase.tierChange)}</Text>}
      <View className="receipt__lines">
        <Text className="receipt__line">{`会员 ${member.name}（${TIER_NAMES[member.tier]}）`}</Text>
        <Text className="receipt__line">{`订单 ${purchase.orderNo} · ${formatYuan(purchase.amountFen)}`}</Text>
        <Text className="receipt__line">{`当前积分 ${formatPoints(member.pointsBalance)}`}</Text>
      </View>
    </View>
  )
}
