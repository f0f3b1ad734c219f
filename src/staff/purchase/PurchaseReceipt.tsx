import { Text } from '@tarojs/components'
import type { PurchaseResult } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import { formatPoints } from '../../wording/points'
import { tierChangeWording } from '../../wording/tiers'
import { Receipt } from '../shared/Receipt'
import { pointsBreakdownLine } from './receiptWording'

/**
 * What the recording did: points earned (with their parts: base, tier bonus, birthday bonus) and any tier change, and the coupon's discount when one was used
 * (points count what was paid). A replayed order changed nothing this time, so what it did when first
 * recorded is shown quietly rather than announced again.
 */
export const PurchaseReceipt = ({ result }: { result: PurchaseResult }) => {
  const { purchase, member, replayed } = result
  const points = `积分 +${formatPoints(purchase.pointsEarned)}`
  const breakdown = pointsBreakdownLine(purchase.pointsBreakdown)
  const tierChange = purchase.tierChange && tierChangeWording(purchase.tierChange)
  const coupon = purchase.coupon && `${purchase.coupon.title} 优惠 ${formatYuan(purchase.coupon.discountFen)}`
  const order = purchase.coupon
    ? `订单 ${purchase.orderNo} · 原价 ${formatYuan(purchase.listAmountFen)} · 实收 ${formatYuan(purchase.amountFen)}`
    : `订单 ${purchase.orderNo} · ${formatYuan(purchase.amountFen)}`
  return (
    <Receipt replayed={replayed} title={replayed ? '该订单已录入，未重复计分' : '录入成功'} member={member} order={order}>
      {replayed ? (
        <Text className="receipt__earlier">{`首次录入时：${[points, coupon, tierChange].filter(Boolean).join('，')}`}</Text>
      ) : (
        <>
          <Text className="receipt__points">{points}</Text>
          {breakdown && <Text className="receipt__breakdown">{breakdown}</Text>}
          {coupon && <Text className="receipt__coupon">{coupon}</Text>}
          {tierChange && <Text className="receipt__tier-change">{tierChange}</Text>}
        </>
      )}
    </Receipt>
  )
}
