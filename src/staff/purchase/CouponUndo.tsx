import { Button, Text, View } from '@tarojs/components'
import type { usePurchaseDesk } from './usePurchaseDesk'

type Undo = ReturnType<typeof usePurchaseDesk>['undo']

/** "撤销核销" under a receipt that used a coupon: asked once more, then the page shows the undone receipt. */
export const CouponUndo = ({ undo }: { undo: Undo }) => {
  const { state } = undo
  if (state.status === 'done') return null
  if (state.status === 'asking' || state.status === 'undoing') {
    return (
      <View className="coupon-undo">
        <Text className="coupon-undo__question">撤销后券退回顾客，本单积分扣回；款项需在收银系统中退还。确认撤销？</Text>
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
