/** Money is integer fen everywhere; these are the only places yuan appear, for people to read. */

export type Fen = number

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** "¥1,280" for whole yuan, "¥520.50" otherwise; never a float in between. */
export const formatYuan = (fen: Fen): string => {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = groupThousands(String(Math.floor(abs / 100)))
  const cents = abs % 100
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`
}

/** Always two decimals, for receipts: "¥520.00". */
export const formatYuanExact = (fen: Fen): string => {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}¥${groupThousands(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * Parses what a shop assistant types ("520", "520.5", "1,280.00") into fen without floating point.
 * Returns null for anything that is not a plain non-negative amount with at most two decimals.
 */
export const parseYuanToFen = (text: string): Fen | null => {
  const cleaned = text
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned)
  if (!match) return null
  const [, whole, decimals = ''] = match
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'))
}
