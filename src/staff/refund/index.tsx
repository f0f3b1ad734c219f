import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { formatYuan, parseYuanToFen } from '../../domain/money'
import { formatPoints } from '../../wording/points'
import { StaffAccessScreen, StaffHeader } from '../shared/StaffScreens'
import { OrderSummary } from './OrderSummary'
import { RefundReceipt } from './RefundReceipt'
import { expectedReversal, refundableFen } from './refundForm'
import { useRefundDesk } from './useRefundDesk'
import '../shared/desk.scss'
import './index.scss'

const RefundPage = () => {
  const desk = useRefundDesk()
  const { access, order, amount, confirming, result } = desk

  if (access.status !== 'granted') {
    return (
      <View className="desk">
        <StaffAccessScreen access={access} retry={desk.retryAccess} />
        <LocalIdentitySwitcher />
      </View>
    )
  }

  const amountFen = parseYuanToFen(amount.text)
  const left = order ? refundableFen(order) : 0
  return (
    <View className="desk">
      <StaffHeader staff={access.who} />

      {result ? (
        <View className="desk__panel">
          <RefundReceipt result={result} />
          <Button className="btn btn--primary desk__action" onClick={desk.startOver}>
            办理下一笔退款
          </Button>
        </View>
      ) : (
        <>
          <View className="desk__panel">
            <Text className="desk__step">1 · 订单</Text>
            {order ? (
              <OrderSummary order={order} onChange={desk.startOver} />
            ) : (
              <>
                <Field label="订单号" error={desk.orderNo.error} hint="收银小票上的订单号；只能退本店录入的订单">
                  <Input
                    className="field__input"
                    placeholderClass="field__placeholder"
                    placeholder="例如 SO20261123001"
                    maxlength={32}
                    value={desk.orderNo.text}
                    onInput={(e) => desk.orderNo.change(e.detail.value)}
                    onConfirm={desk.orderNo.lookUp}
                  />
                </Field>
                <Button className="btn btn--primary desk__action" onClick={desk.orderNo.lookUp}>
                  {desk.orderNo.lookingUp ? '查询中…' : '查询订单'}
                </Button>
              </>
            )}
          </View>

          {order && left === 0 && (
            <View className="desk__panel">
              <Text className="desk__step">2 · 退款</Text>
              <Text className="refund-page__done">该订单已全额退款，无可退金额</Text>
            </View>
          )}

          {order && left > 0 && !confirming && (
            <View className="desk__panel">
              <Text className="desk__step">2 · 退款</Text>
              <Field label="退款金额（元）" error={amount.error} hint={`可退 ${formatYuan(left)}；部分退款按比例扣回积分`}>
                <Text className="desk__currency">¥</Text>
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="0.00"
                  type="digit"
                  value={amount.text}
                  onInput={(e) => amount.change(e.detail.value)}
                />
              </Field>
              {desk.formError && <Text className="form-error">{desk.formError}</Text>}
              <Button className="btn btn--primary desk__action" onClick={desk.review}>
                {amountFen ? `退款 ${formatYuan(amountFen)}` : '退款'}
              </Button>
            </View>
          )}

          {order && confirming && (
            <View className="desk__panel">
              <Text className="desk__step">3 · 确认</Text>
              <View className="facts confirm-facts">
                <View className="facts__row facts__row--strong">
                  <Text className="facts__label">退款金额</Text>
                  <Text className="facts__value">{formatYuan(confirming.amountFen)}</Text>
                </View>
                <View className="facts__row">
                  <Text className="facts__label">订单</Text>
                  <Text className="facts__value">{order.orderNo}</Text>
                </View>
                <View className="facts__row">
                  <Text className="facts__label">会员</Text>
                  <Text className="facts__value">{order.member.name}</Text>
                </View>
                <View className="facts__row">
                  <Text className="facts__label">预计扣回积分</Text>
                  <Text className="facts__value">{formatPoints(expectedReversal(order, confirming.amountFen))}</Text>
                </View>
              </View>
              {desk.formError && <Text className="form-error">{desk.formError}</Text>}
              {desk.unanswered && <Text className="desk__note">未收到结果，可放心重试：同一笔退款不会重复办理。</Text>}
              <Button
                className={`btn btn--primary desk__action${desk.submitting ? ' btn--disabled' : ''}`}
                disabled={desk.submitting}
                onClick={desk.confirm}
              >
                {desk.submitting ? '正在退款…' : desk.unanswered ? '重试退款' : '确认退款'}
              </Button>
              {!desk.submitting && (
                <Text className="desk__link" onClick={desk.back}>
                  返回修改
                </Text>
              )}
            </View>
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default RefundPage
