import { Text, View } from '@tarojs/components'
import type { MemberSummary, TillCouponView } from '../../api/contract'
import { TIER_NAMES } from '../../domain/program'
import { couponStateLine } from '../../wording/coupons'

interface Props {
  coupon: TillCouponView
  holder: MemberSummary
  /** Why it cannot be used here, or null. */
  problem: string | null
  /** "换一张": back to the code field. */
  onChange?: () => void
}

/** A scanned coupon as the till sees it: what it gives, whose it is, and why not, when it cannot be used. */
export const CouponSummary = ({ coupon, holder, problem, onChange }: Props) => (
  <View className="coupon-summary">
    <View className="coupon-summary__top">
      <View className="coupon-summary__main">
        <Text className="coupon-summary__benefit">{coupon.benefitText}</Text>
        <Text className="coupon-summary__title">{coupon.title}</Text>
      </View>
      {onChange && (
        <Text className="coupon-summary__change" onClick={onChange}>
          换一张
        </Text>
      )}
    </View>
    <Text className="coupon-summary__line">{`持券人 ${holder.name}（${TIER_NAMES[holder.tier]}）· ${holder.mobileMasked}`}</Text>
    <Text className="coupon-summary__line">{couponStateLine(coupon)}</Text>
    {problem && <Text className="coupon-summary__problem">{problem}</Text>}
  </View>
)
