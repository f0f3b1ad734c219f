import { Button, Text, View } from '@tarojs/components'
import { formatYuan } from '../../domain/money'
import { couponStateLine, vipPriceText } from '../../wording/coupons'
import { CouponEntry } from '../shared/CouponEntry'
import { CouponSummary } from '../shared/CouponSummary'
import { Fact } from '../../components/Fact'
import type { usePurchaseDesk } from './usePurchaseDesk'

type Desk = ReturnType<typeof usePurchaseDesk>

/**
 * The optional coupon at the till: one of the member's coupons tapped (they came with the scan of their code) or
 * another one's code scanned or typed, then what the server says about it for this amount — whose it is, whether
 * it applies, the discount and what to charge, and the VIP-price rule.
 */
export const CouponStep = ({ coupon, amountFen }: { coupon: Desk['coupon']; amountFen: number | null }) => {
  const { entry, verdict } = coupon
  if (!coupon.using) {
    const { offered } = coupon
    return (
      <View className="purchase-coupon">
        {offered.length > 0 && (
          <>
            <Text className="purchase-coupon__title">{`顾客可用优惠券 ${offered.length} 张 · 点选使用`}</Text>
            {offered.map((c) => (
              <View key={c.id} className="coupon-offer" onClick={() => coupon.pick(c)}>
                <View className="coupon-offer__main">
                  <Text className="coupon-offer__benefit">{c.benefitText}</Text>
                  <Text className="coupon-offer__title">{c.title}</Text>
                  <Text className="coupon-offer__line">{couponStateLine(c)}</Text>
                </View>
                <Text className="coupon-offer__use">使用</Text>
              </View>
            ))}
          </>
        )}
        <Button className="btn btn--secondary" onClick={coupon.use}>
          {offered.length > 0 ? '扫描其他优惠券' : '使用优惠券'}
        </Button>
      </View>
    )
  }
  const checked = entry.checked
  return (
    <View className="purchase-coupon">
      <Text className="purchase-coupon__title">优惠券</Text>
      {checked ? (
        <>
          <CouponSummary
            coupon={checked.coupon}
            holder={checked.holder}
            problem={verdict?.kind === 'otherHolder' || verdict?.kind === 'problem' ? verdict.message : null}
            onChange={coupon.change}
          />
          {verdict?.kind === 'unchecked' && <Text className="desk__note">{verdict.message}</Text>}
          {verdict?.kind === 'applies' && amountFen !== null && (
            <View className="facts purchase-coupon__facts">
              <Fact label="消费金额" value={formatYuan(amountFen)} />
              <Fact label="券优惠" value={`-${formatYuan(verdict.discountFen)}`} />
              <Fact strong label="应收" value={formatYuan(verdict.chargeFen)} />
              <Fact label="VIP价" value={vipPriceText(checked.coupon.combinesWithVipPrice)} />
            </View>
          )}
        </>
      ) : (
        <CouponEntry coupon={entry} amountFen={amountFen} lookUpLabel="核对优惠券" />
      )}
      {coupon.error && <Text className="form-error">{coupon.error}</Text>}
      <Text className="desk__link" onClick={coupon.drop}>
        不使用优惠券
      </Text>
    </View>
  )
}
