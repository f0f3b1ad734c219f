import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES } from '../../routes'
import './index.scss'

/** Quiet ways in for shop assistants and the brand's operators; each page checks who may use it. */
export const StaffEntryLink = () => (
  <View className="staff-entry">
    <Text className="staff-entry__link" onClick={() => void Taro.navigateTo({ url: ROUTES.staffHome })}>
      导购入口
    </Text>
    <Text className="staff-entry__divider">·</Text>
    <Text className="staff-entry__link" onClick={() => void Taro.navigateTo({ url: ROUTES.opsMember })}>
      运营
    </Text>
  </View>
)
