import { Text } from '@tarojs/components'
import type { RefundResult } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import { formatPoints } from '../../wording/points'
import { tierMoveWording } from '../../wording/tiers'
import { Receipt } from '../shared/Receipt'

const pointsLine = (reversed: number): string => (reversed > 0 ? `积分 -${formatPoints(reversed)}` : '无需扣回积分')

/**
 * What the refund did: points taken back, points that could not be (already spent), and a tier that
 * changed. A replayed refund changed nothing this time, so it says what it did when first recorded.
 */
export const RefundReceipt = ({ result }: { result: RefundResult }) => {
  const { refund, member, tierBefore, replayed } = result
  const shortfall = refund.shortfall > 0 ? `另有 ${formatPoints(refund.shortfall)} 分因积分已使用未能扣回` : null
  const tierMove = tierMoveWording(tierBefore, member.tier)
  return (
    <Receipt
      replayed={replayed}
      title={replayed ? '该退款已登记，未重复处理' : '退款成功'}
      member={member}
      order={`订单 ${refund.orderNo} · 退款 ${formatYuan(refund.amountFen)}`}
    >
      {replayed ? (
        <Text className="receipt__earlier">{`首次登记时：${[pointsLine(refund.pointsReversed), shortfall, tierMove].filter(Boolean).join('，')}`}</Text>
      ) : (
        <>
          <Text className="receipt__points">{pointsLine(refund.pointsReversed)}</Text>
          {shortfall && <Text className="receipt__shortfall">{shortfall}</Text>}
          {tierMove && <Text className="receipt__tier-change receipt__tier-change--down">{tierMove}</Text>}
        </>
      )}
    </Receipt>
  )
}
