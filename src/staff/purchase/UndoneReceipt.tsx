import { Text } from '@tarojs/components'
import type { ActionOutput, PurchaseResult } from '../../api/contract'
import { formatYuan } from '../../domain/money'
import { Receipt } from '../shared/Receipt'
import { undoneLines } from './receiptWording'

/**
 * The receipt after "撤销核销": neutral, not a success — the coupon is back with the customer and the points are
 * taken back, but the money is the till system's to return, which it says.
 */
export const UndoneReceipt = ({ purchase, undone }: { purchase: PurchaseResult; undone: ActionOutput<'staff', 'undoCouponUse'> }) => {
  const { done, todo } = undoneLines(undone.coupon.title, undone.refund)
  return (
    <Receipt
      replayed={false}
      undone
      title="已撤销"
      member={undone.refund?.member ?? purchase.member}
      order={`订单 ${purchase.purchase.orderNo} · 实收 ${formatYuan(purchase.purchase.amountFen)}`}
    >
      <Text className="receipt__earlier">{done}</Text>
      {todo && <Text className="receipt__todo">{todo}</Text>}
    </Receipt>
  )
}
