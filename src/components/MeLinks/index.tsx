import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES } from '../../routes'
import './index.scss'

const LINKS = [
  { mark: '册', title: '会员手册', url: ROUTES.handbook },
  { mark: '我', title: '我的资料', url: ROUTES.profile },
  { mark: '店', title: '我的门店', url: ROUTES.homeStore },
] as const

/** The card's way into the member's own pages (the `me` subpackage: downloaded when first opened). */
export const MeLinks = () => (
  <View className="me-links">
    {LINKS.map((l) => (
      <View key={l.url} className="me-links__item" onClick={() => void Taro.navigateTo({ url: l.url })}>
        <Text className="me-links__mark">{l.mark}</Text>
        <Text className="me-links__title">{l.title}</Text>
        <Text className="me-links__go">›</Text>
      </View>
    ))}
  </View>
)
