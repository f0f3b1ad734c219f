import { Text, View } from '@tarojs/components'
import './index.scss'

/** The top of a staff or operator page: where (the store, or the tool) and who is signed in. */
export const RoleHeader = ({ title, who }: { title: string; who: string }) => (
  <View className="role-header">
    <Text className="role-header__title">{title}</Text>
    <Text className="role-header__who">{who}</Text>
  </View>
)
