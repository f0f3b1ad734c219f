import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { formatYuan, parseYuanToFen } from '../../domain/money'
import { ConfirmStep } from '../shared/ConfirmStep'
import { Fact } from '../../components/Fact'
import { canScan } from '../shared/scanner'
import { StaffDesk } from '../shared/StaffDesk'
import { OrderSummary } from './OrderSummary'
import { RefundReceipt } from './RefundReceipt'
import { refundableFen, refundPreviewLines } from './refundForm'
import { useRefundDesk } from './useRefundDesk'
import './index.scss'

const RefundPage = () => {
  const desk = useRefundDesk()
  const { order, amount, confirming, result } = desk
  const amountFen = parseYuanToFen(amount.text)
  const left = order ? refundableFen(order) : 0
  return (
    <StaffDesk>
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
                <View className="desk__row">
                  {canScan() && (
                    <Button className="btn btn--secondary desk__half" onClick={() => void desk.orderNo.scan()}>
                      扫小票
                    </Button>
                  )}
                  <Button className="btn btn--primary desk__half" onClick={desk.orderNo.lookUp}>
                    {desk.orderNo.lookingUp ? '查询中…' : '查询订单'}
                  </Button>
                </View>
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
              <Button
                className={`btn btn--primary desk__action${desk.previewing ? ' btn--disabled' : ''}`}
                disabled={desk.previewing}
                onClick={desk.review}
              >
                {desk.previewing ? '正在核算…' : amountFen ? `退款 ${formatYuan(amountFen)}` : '退款'}
              </Button>
            </View>
          )}

          {order && confirming && desk.preview && (
            <ConfirmStep
              verb="退款"
              retryIsSafe="同一笔退款不会重复办理"
              error={desk.formError}
              submitting={desk.submitting}
              unanswered={desk.unanswered}
              onConfirm={desk.confirm}
              onBack={desk.back}
            >
              <Fact strong label="退款金额" value={formatYuan(confirming.amountFen)} />
              <Fact label="订单" value={order.orderNo} />
              <Fact label="会员" value={order.member.name} />
              <View className="refund-preview">
                {refundPreviewLines(desk.preview).map((line, i, all) => (
                  <Text key={line} className="refund-preview__line">
                    {i < all.length - 1 ? `${line}；` : line}
                  </Text>
                ))}
              </View>
            </ConfirmStep>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default RefundPage
