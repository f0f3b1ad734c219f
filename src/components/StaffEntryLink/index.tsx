import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES } from '../../routes'
import './index.scss'

/** A quiet way in for shop assistants; the staff page itself checks who may use it. */
export const StaffEntryLink = () => (
  <View className="staff-entry">
    <Text className="staff-entry__link" onClick={() => Taro.navigateTo({ url: ROUTES.staffPurchase })}>
      导购入口
    </Text>
  </View>
)
