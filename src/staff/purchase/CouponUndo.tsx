import { Button, Text, View } from '@tarojs/components'
import { formatYuan } from '../../domain/money'
import { formatPoints } from '../../wording/points'
import type { usePurchaseDesk } from './usePurchaseDesk'

type Undo = ReturnType<typeof usePurchaseDesk>['undo']

/** "撤销核销" under a receipt that used a coupon: asked once more, then the server's answer. */
export const CouponUndo = ({ undo }: { undo: Undo }) => {
  const { state } = undo
  if (state.status === 'done') {
    const { coupon, refund } = state.result
    return (
      <View className="coupon-undo">
        <Text className="coupon-undo__done">
          {`已撤销核销：「${coupon.title}」已退回顾客券包` +
            (refund
              ? `；本单 ${formatYuan(refund.refund.amountFen)} 已全额退款，扣回积分 ${formatPoints(refund.refund.pointsReversed)}`
              : '')}
        </Text>
      </View>
    )
  }
  if (state.status === 'asking' || state.status === 'undoing') {
    return (
      <View className="coupon-undo">
        <Text className="coupon-undo__question">撤销后券退回顾客，本单按全额退款并扣回积分。确认撤销？</Text>
        <Button
          className={`btn btn--secondary desk__action${state.status === 'undoing' ? ' btn--disabled' : ''}`}
          disabled={state.status === 'undoing'}
          onClick={undo.undo}
        >
          {state.status === 'undoing' ? '正在撤销…' : '确认撤销核销'}
        </Button>
        {state.status === 'asking' && (
          <Text className="desk__link" onClick={undo.cancel}>
            不撤销
          </Text>
        )}
      </View>
    )
  }
  return (
    <View className="coupon-undo">
      {state.status === 'failed' && <Text className="form-error">{state.message}</Text>}
      <Text className="desk__link" onClick={undo.ask}>
        撤销核销（10 分钟内）
      </Text>
    </View>
  )
}
