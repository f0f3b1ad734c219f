import { Text, View } from '@tarojs/components'
import type { CouponView } from '../../api/contract'
import { couponStateLine, ticketStub } from '../../wording/coupons'
import './index.scss'

const STAMPS: Partial<Record<CouponView['status'], string>> = { used: '已使用', expired: '已过期' }

interface Props {
  coupon: CouponView
  /** Opens the coupon's detail (its QR for the till). */
  onTap?: () => void
}

/**
 * One coupon as a ticket: what it gives on the stub, title and validity on the body. The birthday card is
 * highlighted; a used or expired one is greyed and stamped.
 */
export const CouponTicket = ({ coupon, onTap }: Props) => {
  const stub = ticketStub(coupon)
  const stamp = STAMPS[coupon.status]
  const birthday = coupon.channel === 'birthday'
  const modifiers = [birthday && 'birthday', stamp && 'spent']
    .filter(Boolean)
    .map((m) => ` coupon-ticket--${m}`)
    .join('')
  return (
    <View className={`coupon-ticket${modifiers}`} onClick={onTap}>
      <View className="coupon-ticket__stub">
        <Text className="coupon-ticket__big">{stub.big}</Text>
        <Text className="coupon-ticket__small">{stub.small}</Text>
      </View>
      <View className="coupon-ticket__body">
        {birthday && <Text className="coupon-ticket__tag">生日礼遇</Text>}
        <Text className="coupon-ticket__title">{coupon.title}</Text>
        <Text className="coupon-ticket__line">{couponStateLine(coupon)}</Text>
        {!stamp && onTap && <Text className="coupon-ticket__use">出示券码 ›</Text>}
      </View>
      {stamp && <Text className="coupon-ticket__stamp">{stamp}</Text>}
    </View>
  )
}
