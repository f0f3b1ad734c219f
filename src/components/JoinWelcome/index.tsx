import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CouponView } from '../../api/contract'
import { callCloud } from '../../services/cloud'
import { validUntilText } from '../../wording/coupons'
import { ROUTES } from '../../routes'
import './index.scss'

const SHOWN_KEY = 'vipcard.joinWelcomeShown'

/**
 * The moment after joining (the card opened with `?joined=1`): the coupons that arrived with the membership, once.
 * A sheet over the card rather than a block in it, so the new member reads one welcome first and finds the card —
 * with its birthday-reminder offer — when they close it, instead of two blocks stacked under the card.
 */
export const JoinWelcome = () => {
  const justJoined = useRouter().params.joined === '1'
  const [coupons, setCoupons] = useState<CouponView[]>([])

  useEffect(() => {
    if (!justJoined) return
    callCloud('member', 'coupons', {}).then(
      ({ coupons: held }) => {
        const arrived = held.filter((c) => c.status === 'available' || c.status === 'notYetValid')
        // Once per membership: a reload of the same page (or coming back to it) does not welcome again.
        const key = arrived.map((c) => c.id).join(',')
        if (arrived.length > 0 && Taro.getStorageSync(SHOWN_KEY) !== key) setCoupons(arrived)
      },
      () => undefined, // no welcome is better than an error over the new card
    )
  }, [justJoined])

  if (coupons.length === 0) return null
  const close = (then?: () => void) => () => {
    Taro.setStorageSync(SHOWN_KEY, coupons.map((c) => c.id).join(','))
    setCoupons([])
    then?.()
  }
  return (
    <View className="join-welcome">
      <View className="join-welcome__sheet">
        <Text className="join-welcome__title">欢迎加入会员</Text>
        <Text className="join-welcome__lead">入会礼已放入您的券包</Text>
        {coupons.map((c) => (
          <View key={c.id} className="join-welcome__coupon">
            <Text className="join-welcome__benefit">{c.benefitText}</Text>
            <View className="join-welcome__coupon-text">
              <Text className="join-welcome__coupon-title">{c.title}</Text>
              <Text className="join-welcome__coupon-valid">{validUntilText(c)}</Text>
            </View>
          </View>
        ))}
        <Button className="btn btn--primary join-welcome__ok" onClick={close()}>
          好的
        </Button>
        <Text className="join-welcome__wallet" onClick={close(() => void Taro.navigateTo({ url: ROUTES.coupons }))}>
          查看我的优惠券 ›
        </Text>
      </View>
    </View>
  )
}
