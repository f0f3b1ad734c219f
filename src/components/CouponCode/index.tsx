import { useMemo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { formatCouponCode } from '../../domain/memberNo'
import { qrDataUrl } from '../member-code/face'
import './index.scss'

interface Props {
  code: string
  dimmed?: boolean
  /** The digits as shown under the QR; a coupon's 12 digits grouped unless given (an event ticket's 10). */
  digits?: string
}

/**
 * A code to show at the store, for a coupon at the till or a ticket at the door: its QR (drawn like the member
 * code, a GIF data URL in plain JS, so the same React component serves weapp and H5: no clock ticks here) and
 * the digits grouped, to type if scanning fails.
 */
export const CouponCode = ({ code, dimmed = false, digits }: Props) => {
  const src = useMemo(() => qrDataUrl(code), [code])
  return (
    <View className={`coupon-code${dimmed ? ' coupon-code--dimmed' : ''}`}>
      <Image className="coupon-code__qr" src={src} mode="aspectFit" />
      <Text className="coupon-code__digits">{digits ?? formatCouponCode(code)}</Text>
    </View>
  )
}
