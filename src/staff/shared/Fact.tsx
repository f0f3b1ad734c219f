import { Text, View } from '@tarojs/components'

/** One row of facts: the label on the left, the figure on the right (bigger when `strong`). */
export const Fact = ({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) => (
  <View className={`facts__row${strong ? ' facts__row--strong' : ''}`}>
    <Text className="facts__label">{label}</Text>
    <Text className="facts__value">{value}</Text>
  </View>
)
