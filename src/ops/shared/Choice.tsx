import { Text, View } from '@tarojs/components'

interface Props<T extends string> {
  options: readonly T[]
  on: (option: T) => boolean
  words: Record<T, string>
  pick: (option: T) => void
}

/** A row of options on a pill, one (or, as `on` says, several) on: the operator forms' switches. */
export const Choice = <T extends string>({ options, on, words, pick }: Props<T>) => (
  <View className="ops-direction">
    {options.map((o) => (
      <Text key={o} className={`ops-direction__option${on(o) ? ' ops-direction__option--on' : ''}`} onClick={() => pick(o)}>
        {words[o]}
      </Text>
    ))}
  </View>
)
