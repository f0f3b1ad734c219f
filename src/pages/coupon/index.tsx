import { Button, Text, View } from '@tarojs/components'
import { CouponCode } from '../../components/CouponCode'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { couponRules, couponStateLine, ticketStub } from '../../wording/coupons'
import { useCouponDetail } from './useCouponDetail'
import './index.scss'

const CODE_HINTS = {
  available: '结账时出示给导购扫码，或报出券码',
  notYetValid: '尚未到使用时间',
  used: '该券已使用',
  expired: '该券已过期',
} as const

const CouponPage = () => {
  const page = useCouponDetail()
  const { state } = page
  return (
    <View className="coupon-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载优惠券" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="优惠券暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'missing' && (
        <StatusScreen mark="?" title="未找到该优惠券" message="它可能已不在您的券包中">
          <Button className="btn btn--primary" onClick={page.openWallet}>
            查看我的优惠券
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <View className={`coupon-head${state.coupon.channel === 'birthday' ? ' coupon-head--birthday' : ''}`}>
            <Text className="coupon-head__big">{ticketStub(state.coupon).big}</Text>
            <Text className="coupon-head__title">{state.coupon.title}</Text>
            {/* "7折" is already the big figure; "满¥200减¥20" under "¥20" says more. */}
            {ticketStub(state.coupon).big !== state.coupon.benefitText && (
              <Text className="coupon-head__benefit">{state.coupon.benefitText}</Text>
            )}
            <Text className="coupon-head__state">{couponStateLine(state.coupon)}</Text>
          </View>

          <View className="coupon-page__panel coupon-page__code">
            <CouponCode code={state.coupon.code} dimmed={state.coupon.status !== 'available'} />
            <Text className={`coupon-page__code-hint coupon-page__code-hint--${state.coupon.status}`}>
              {state.coupon.benefit.kind === 'gift' && state.coupon.status === 'available'
                ? '到店出示给导购扫码，领取礼品'
                : CODE_HINTS[state.coupon.status]}
            </Text>
          </View>

          <View className="coupon-page__panel">
            <Text className="coupon-page__rules-title">使用规则</Text>
            {couponRules(state.coupon).map((rule) => (
              <View key={rule.label} className="coupon-rule">
                <Text className="coupon-rule__label">{rule.label}</Text>
                <Text className="coupon-rule__value">{rule.value}</Text>
              </View>
            ))}
          </View>
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default CouponPage
