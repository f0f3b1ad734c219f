import { useEffect } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { MemberLookup } from '../shared/MemberLookup'
import { canScan } from '../shared/scanner'
import { StaffDesk } from '../shared/StaffDesk'
import { CouponStep } from './CouponStep'
import { CouponUndo } from './CouponUndo'
import { PurchaseReceipt } from './PurchaseReceipt'
import { UndoneReceipt } from './UndoneReceipt'
import { usePurchaseDesk } from './usePurchaseDesk'
import './index.scss'

/** Opens WeChat's scanner as soon as the till is ready for the next customer (rendered only for staff). */
const ScanOnOpen = ({ scan }: { scan: () => void }) => {
  useEffect(() => {
    if (canScan()) scan()
    // Once per customer: the till mounts this again after 录入下一笔 or 换一位.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return null
}

const PurchasePage = () => {
  const desk = usePurchaseDesk()
  const { member, purchase, result } = desk
  const undone = desk.undo.state.status === 'done' ? desk.undo.state.result : null
  return (
    <StaffDesk>
      {result ? (
        <>
          <View className="desk__panel">
            {undone ? <UndoneReceipt purchase={result} undone={undone} /> : <PurchaseReceipt result={result} />}
            {desk.undo.available && <CouponUndo undo={desk.undo} />}
          </View>
          <View className="desk__bar-space" />
          <View className="desk__bar">
            <Button className="btn btn--primary desk__action" onClick={desk.startOver}>
              录入下一笔
            </Button>
          </View>
        </>
      ) : (
        <>
          {!member && <ScanOnOpen scan={desk.lookup.code.scan} />}
          <View className="desk__panel">
            <Text className="desk__step">1 · 会员</Text>
            <MemberLookup lookup={desk.lookup} onChange={desk.startOver} focusWithoutCamera />
          </View>

          {member && (
            <>
              <View className="desk__panel">
                <Text className="desk__step">2 · 消费</Text>
                <Field label="消费金额（元）" error={purchase.errors.amount}>
                  <Text className="desk__currency">¥</Text>
                  <Input
                    className="field__input"
                    placeholderClass="field__placeholder"
                    placeholder="0.00"
                    type="digit"
                    value={purchase.amountText}
                    onInput={(e) => purchase.changeAmount(e.detail.value)}
                  />
                </Field>
                <Field label="订单号" error={purchase.errors.orderNo} hint="收银小票上的订单号；同一订单只计一次积分">
                  <Input
                    className="field__input"
                    placeholderClass="field__placeholder"
                    placeholder="例如 SO20261123001"
                    maxlength={32}
                    value={purchase.orderNo}
                    onInput={(e) => purchase.changeOrderNo(e.detail.value)}
                  />
                  {canScan() && (
                    <Text className="purchase-order__scan" onClick={purchase.scanOrderNo}>
                      扫小票
                    </Text>
                  )}
                </Field>
                <CouponStep coupon={desk.coupon} amountFen={purchase.amountFen} />
              </View>
              <View className="desk__bar-space" />
              <View className="desk__bar">
                {purchase.errors.form && <Text className="form-error">{purchase.errors.form}</Text>}
                <Button
                  className={`btn btn--primary desk__action${purchase.recording || purchase.next.action === 'none' ? ' btn--disabled' : ''}`}
                  disabled={purchase.recording || purchase.next.action === 'none'}
                  onClick={purchase.proceed}
                >
                  {purchase.recording ? '正在录入…' : desk.coupon.entry.lookingUp ? '查询中…' : purchase.next.label}
                </Button>
              </View>
            </>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default PurchasePage
