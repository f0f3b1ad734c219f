import { Text, View } from '@tarojs/components'
import type { OrderView } from '../../api/contract'
import { TierBadge } from '../../components/TierBadge'
import { formatYuan } from '../../domain/money'
import { dateText } from '../../wording/dates'
import { formatPoints } from '../../wording/points'
import { Fact } from '../../components/Fact'

/**
 * The order as recorded: what was paid, what was refunded already, the points it earned and those its refunds
 * really took back (points the member had used are not, and are shown apart), and whose it is.
 */
export const OrderSummary = ({ order, onChange }: { order: OrderView; onChange: () => void }) => (
  <View className="order-summary">
    <View className="order-summary__head">
      <View>
        <Text className="order-summary__no">{`订单 ${order.orderNo}`}</Text>
        <Text className="order-summary__at">{dateText(order.at, 'pastTime')}</Text>
      </View>
      <Text className="order-summary__change" onClick={onChange}>
        换一单
      </Text>
    </View>
    <View className="facts">
      <Fact label="消费金额" value={formatYuan(order.amountFen)} />
      <Fact label="已退款" value={formatYuan(order.refundedFen)} />
      <Fact label="获得积分" value={formatPoints(order.pointsEarned)} />
      {order.pointsTakenBack > 0 && <Fact label="已扣回积分" value={formatPoints(order.pointsTakenBack)} />}
      {order.pointsShortfall > 0 && <Fact label="已使用未扣回" value={formatPoints(order.pointsShortfall)} />}
      <View className="facts__row">
        <Text className="facts__label">会员</Text>
        <View className="facts__value order-summary__member">
          <Text className="order-summary__member-name">{`${order.member.name} · ${order.member.mobileMasked}`}</Text>
          <TierBadge tier={order.member.tier} />
        </View>
      </View>
    </View>
  </View>
)
