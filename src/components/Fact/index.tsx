import { Text, View } from '@tarojs/components'
import './index.scss'

/**
 * One row of facts: the label on the left, the figure on the right (bigger when `strong`). Staff and operator
 * pages alike; a list of them sits in a `facts` block.
 */
export const Fact = ({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) => (
  <View className={`facts__row${strong ? ' facts__row--strong' : ''}`}>
    <Text className="facts__label">{label}</Text>
    <Text className="facts__value">{value}</Text>
  </View>
)
