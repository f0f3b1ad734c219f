/**
 * The customer card's sizes and colours as choices, not free text (issue 20): what staff and members tap. The
 * lists are data, one place for the brand to change. The server still takes any size or colour within the schema
 * (src/api/sharedSchemas: "170/88A", "38.5"), so a value on file from before — or from another size system — is
 * shown beside the list and kept until someone taps it away.
 */

/** Letter sizes as the brand's labels print them, then one size for all. */
export const CLOTHING_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '均码'] as const

/** Mainland shoe sizes (EU), women's and men's together. */
export const SHOE_SIZES = ['34', '35', '36', '37', '38', '39', '40', '41', '42', '43', '44', '45'] as const

/** The season's palette in the words shop assistants use. */
export const COLOURS = ['黑色', '白色', '米白', '燕麦', '驼色', '卡其', '灰色', '藏青', '雾蓝', '墨绿', '酒红', '粉色'] as const

/** At most this many colours (the schema's limit on a tag list). */
export const MAX_COLOURS = 10

/** The chips to offer: the list, then what is on file that the list lacks (so it can be seen and kept). */
export const chipOptions = (list: readonly string[], chosen: readonly string[]): string[] => [
  ...list,
  ...chosen.filter((c) => !list.includes(c)),
]

/**
 * A tap on a chip. One choice (a size): the tapped one, or none when it was the one chosen. Several (colours):
 * added at the end or taken out, never past `max` (the tap is then ignored: the caller says why).
 */
export const toggleChip = (chosen: readonly string[], value: string, options: { multiple: boolean; max?: number }): string[] => {
  if (chosen.includes(value)) return chosen.filter((c) => c !== value)
  if (!options.multiple) return [value]
  if (options.max !== undefined && chosen.length >= options.max) return [...chosen]
  return [...chosen, value]
}
