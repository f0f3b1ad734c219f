import { Text, View } from '@tarojs/components'
import { chipOptions, toggleChip } from '../../domain/preferences'
import { parseTags, tagsText } from '../../wording/workbench'
import './index.scss'

/** A tap as Chips reports it: the chosen values before → after. */
export type ChipUpdate = (chosen: readonly string[]) => string[]

/** A tap applied to a form's one-value row (a size; '' for none). */
export const onOneValue =
  (update: ChipUpdate) =>
  (value: string): string =>
    update(value ? [value] : [])[0] ?? ''

/** A tap applied to a form's list row kept as text ("驼色、米白"). */
export const onTagText =
  (update: ChipUpdate) =>
  (text: string): string =>
    tagsText(update(parseTags(text)))

interface Props {
  /** The choices offered (src/domain/preferences); what is chosen but not listed is shown after them. */
  list: readonly string[]
  chosen: readonly string[]
  /** Several at once (colours) or one (a size: tapping it again clears it). */
  multiple?: boolean
  max?: number
  /**
   * Applies a tap: `update` turns the chosen values into the new ones. The caller applies it to its latest state
   * (a functional setState), so two quick taps before a render both count.
   */
  change: (update: ChipUpdate) => void
}

/** Sizes and colours as chips to tap (the customer card, on the staff workbench and in the member's profile). */
export const Chips = ({ list, chosen, multiple = false, max, change }: Props) => (
  <View className="chips">
    {chipOptions(list, chosen).map((value) => {
      const on = chosen.includes(value)
      return (
        <Text
          key={value}
          className={`chips__chip${on ? ' chips__chip--on' : ''}`}
          onClick={() => change((latest) => toggleChip(latest, value, { multiple, max }))}
        >
          {value}
        </Text>
      )
    })}
  </View>
)
