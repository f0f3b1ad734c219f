/**
 * Painting a poster on a Canvas 2D context, apart from any one poster: WeChat's `<canvas type="2d">` and the
 * browser's canvas speak the same API. Shared by the member's invitation poster (pages/invite/poster) and the
 * operators' store posters (ops/posters/storePoster); ./posterImage gives them a canvas and exports the result.
 */

/** The subset of a 2D context the posters use; WeChat's Canvas 2D context has all of it. */
export type PosterContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'globalAlpha'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
  | 'createLinearGradient'
  | 'createRadialGradient'
  | 'beginPath'
  | 'moveTo'
  | 'arcTo'
  | 'closePath'
  | 'fill'
  | 'drawImage'
  | 'save'
  | 'restore'
  | 'scale'
>

/** The Chinese faces a phone or a computer has, best first. */
export const POSTER_FONT = "'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"

/** Marks a line may not start with (Chinese typesetting's 避头点): they stay with what they close. */
const NO_LINE_START = new Set(Array.from('，。、；：！？）」』】》…,.;:!?)'))

/**
 * Greedy line breaking by tokens: a CJK character, or a run of Latin letters and digits with its currency
 * sign ("¥200") or inner hyphens (a shop unit "L2-12"), which is never split. A closing mark that would start a line takes the token before it
 * along. At most `maxLines`; the last one ends in "…" when the text runs on.
 */
export const wrapLines = (measure: (text: string) => number, text: string, maxWidth: number, maxLines: number): string[] => {
  const lines: string[] = []
  let tokens: string[] = []
  for (const token of text.match(/[¥$]?[0-9A-Za-z.%]+(?:-[0-9A-Za-z.%]+)*|[^]/gu) ?? []) {
    if (tokens.length > 0 && measure([...tokens, token].join('')) > maxWidth) {
      const carried = NO_LINE_START.has(token) && tokens.length > 1 ? [tokens.pop()!] : []
      lines.push(tokens.join('').trimEnd())
      tokens = token.trim() === '' && carried.length === 0 ? [] : [...carried, token]
    } else tokens.push(token)
  }
  if (tokens.length > 0) lines.push(tokens.join(''))
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  let last = kept[maxLines - 1]
  while (last.length > 0 && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join('')
  kept[maxLines - 1] = `${last}…`
  return kept
}

export const roundedRect = (ctx: PosterContext, x: number, y: number, w: number, h: number, r: number) => {
  ctx.beginPath()
  ctx.moveTo(x + r, y)
  ctx.arcTo(x + w, y, x + w, y + h, r)
  ctx.arcTo(x + w, y + h, x, y + h, r)
  ctx.arcTo(x, y + h, x, y, r)
  ctx.arcTo(x, y, x + w, y, r)
  ctx.closePath()
}

/** Letter-spaced text (canvas has no letter-spacing everywhere): one character at a time, from `x` rightwards. */
export const spacedText = (ctx: PosterContext, text: string, x: number, y: number, spacing: number) => {
  let at = x
  for (const char of Array.from(text)) {
    ctx.fillText(char, at, y)
    at += ctx.measureText(char).width + spacing
  }
}
