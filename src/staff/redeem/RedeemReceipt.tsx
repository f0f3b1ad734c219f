import { Text } from '@tarojs/components'
import type { RedemptionResult } from '../../api/contract'
import { formatPoints } from '../../wording/points'
import { Receipt } from '../shared/Receipt'

/** What the redemption did: the points spent, on what, and the balance now. */
export const RedeemReceipt = ({ result }: { result: RedemptionResult }) => {
  const { redemption, member, replayed } = result
  const points = `积分 -${formatPoints(redemption.points)}`
  return (
    <Receipt replayed={replayed} title={replayed ? '该兑换已登记，未重复扣分' : '兑换成功'} member={member}>
      {replayed ? (
        <Text className="receipt__earlier">{`首次登记时：${redemption.reason}，${points}`}</Text>
      ) : (
        <>
          <Text className="receipt__points">{points}</Text>
          <Text className="receipt__earlier">{redemption.reason}</Text>
        </>
      )}
    </Receipt>
  )
}
