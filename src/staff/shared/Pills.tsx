import { Text, View } from '@tarojs/components'

interface Props<T extends string> {
  options: readonly T[]
  words: Record<T, string>
  value: T | null
  pick: (option: T) => void
}

/** One choice out of a few, as a row of pills (the callback's outcome). */
export const Pills = <T extends string>({ options, words, value, pick }: Props<T>) => (
  <View className="pills">
    {options.map((o) => (
      <Text key={o} className={`pills__option${value === o ? ' pills__option--on' : ''}`} onClick={() => pick(o)}>
        {words[o]}
      </Text>
    ))}
  </View>
)
