import { Text } from '@tarojs/components'
import type { RedemptionResult } from '../../api/contract'
import { formatPoints } from '../../wording/points'
import { Receipt } from '../shared/Receipt'

/** A catalog item's coupon: a gift handed over now, or a coupon that went to the wallet. */
const couponLine = (coupon: RedemptionResult['coupon']): string | null =>
  coupon === null ? null : coupon.status === 'used' ? '礼品当场交付，请交给顾客' : `「${coupon.title}」已放入顾客券包`

/** What the redemption did: the points spent, on what (and where it went), and the balance now. */
export const RedeemReceipt = ({ result }: { result: RedemptionResult }) => {
  const { redemption, member, replayed } = result
  const points = `积分 -${formatPoints(redemption.points)}`
  const coupon = couponLine(result.coupon)
  return (
    <Receipt replayed={replayed} title={replayed ? '该兑换已登记，未重复扣分' : '兑换成功'} member={member}>
      {replayed ? (
        <Text className="receipt__earlier">{`首次登记时：${redemption.reason}，${points}`}</Text>
      ) : (
        <>
          <Text className="receipt__points">{points}</Text>
          <Text className="receipt__earlier">{redemption.reason}</Text>
          {coupon && <Text className="receipt__earlier">{coupon}</Text>}
        </>
      )}
    </Receipt>
  )
}
