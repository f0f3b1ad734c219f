import { Button, Text, View } from '@tarojs/components'
import { formatCouponCode } from '../../domain/memberNo'
import { ConfirmStep } from '../shared/ConfirmStep'
import { CouponEntry } from '../shared/CouponEntry'
import { CouponSummary } from '../shared/CouponSummary'
import { Fact } from '../../components/Fact'
import { Receipt } from '../shared/Receipt'
import { StaffDesk } from '../shared/StaffDesk'
import { useGiftDesk } from './useGiftDesk'

const GiftPage = () => {
  const desk = useGiftDesk()
  const { coupon, confirming, result } = desk
  const checked = coupon.checked
  return (
    <StaffDesk>
      {result ? (
        <View className="desk__panel">
          <Receipt replayed={result.replayed} title={result.replayed ? '该券已核销，未重复核销' : '礼品券已核销'} member={result.holder}>
            <Text className="receipt__earlier">{`请将「${result.giftName}」交给顾客`}</Text>
          </Receipt>
          <Button className="btn btn--primary desk__action" onClick={desk.startOver}>
            核销下一张
          </Button>
        </View>
      ) : (
        <>
          <View className="desk__panel">
            <Text className="desk__step">1 · 礼品券</Text>
            {checked ? (
              <>
                <CouponSummary coupon={checked.coupon} holder={checked.holder} problem={desk.problem} onChange={desk.change} />
                {!confirming && desk.error && <Text className="form-error">{desk.error}</Text>}
                {!confirming && !desk.problem && (
                  <Button className="btn btn--primary desk__action" onClick={desk.review}>
                    核销礼品
                  </Button>
                )}
              </>
            ) : (
              <CouponEntry coupon={coupon} amountFen={null} lookUpLabel="查询礼品券" />
            )}
          </View>

          {checked && confirming && (
            <ConfirmStep
              step="2 · 确认"
              verb="核销"
              retryIsSafe="同一张券不会重复核销"
              error={desk.error}
              submitting={desk.submitting}
              unanswered={desk.unanswered}
              onConfirm={desk.confirm}
              onBack={desk.back}
            >
              <Fact strong label="礼品" value={confirming.giftName} />
              <Fact label="持券人" value={`${checked.holder.name} ${checked.holder.mobileMasked}`} />
              <Fact label="券码" value={formatCouponCode(confirming.code)} />
            </ConfirmStep>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default GiftPage
