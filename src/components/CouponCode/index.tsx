import { useMemo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { formatCouponCode } from '../../domain/memberNo'
import { qrDataUrl } from '../member-code/face'
import './index.scss'

/**
 * A coupon's code for the till: its QR (drawn like the member code, a GIF data URL in plain JS, so the same
 * React component serves weapp and H5: no clock ticks here) and the 12 digits grouped, to type if scanning fails.
 */
export const CouponCode = ({ code, dimmed = false }: { code: string; dimmed?: boolean }) => {
  const src = useMemo(() => qrDataUrl(code), [code])
  return (
    <View className={`coupon-code${dimmed ? ' coupon-code--dimmed' : ''}`}>
      <Image className="coupon-code__qr" src={src} mode="aspectFit" />
      <Text className="coupon-code__digits">{formatCouponCode(code)}</Text>
    </View>
  )
}
