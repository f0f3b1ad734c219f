/**
 * Text parity between the H5 build and the weapp drawing of the same page in the same state: every line the
 * H5 page shows must be in the weapp's visible text (whitespace aside: the two lay lines out differently). Words
 * each build says its own way are in PLATFORM_WORDS, a line only the H5 build has in H5_ONLY, each with the
 * reason; a line that changes by the second (the member code's countdown) is compared with its digits masked.
 * Nothing else may differ.
 */
export interface PlatformLine {
  /** Pages it applies to (all when absent). */
  route?: RegExp
  line: RegExp
  why: string
}

export const H5_ONLY: PlatformLine[] = []

/** Words each build says its own way, by design: the H5 line is compared with its WeChat wording. */
export const PLATFORM_WORDS: { h5: string; weapp: string; why: string }[] = [
  {
    h5: '下载海报',
    weapp: '保存到相册',
    why: 'a poster is downloaded in the browser preview and saved to the album on WeChat (services/posterImage)',
  },
]

const inWeappWords = (line: string) => PLATFORM_WORDS.reduce((text, words) => text.split(words.h5).join(words.weapp), line)

/** Lines drawn from the clock: the two pictures are taken seconds apart, so only their shape must agree. */
export const VOLATILE: PlatformLine[] = [
  { route: /^pages\/card\//, line: /^\d{1,2}$|秒后自动更新/, why: 'the member code counts down its 30 seconds' },
  { route: /^pages\/card\//, line: /^\d{4} \d{4} \d{4} \d{4} \d{2}$/, why: 'the member code changes every 30 seconds' },
]

const squash = (text: string) => text.replace(/\s+/g, '')
const masked = (text: string) => squash(text).replace(/\d+/g, '#')
const applies = (known: PlatformLine, route: string, line: string) => (!known.route || known.route.test(route)) && known.line.test(line)

export const missingFromWeapp = (route: string, h5Text: string, weappText: string): string[] => {
  const weapp = squash(weappText)
  const weappMasked = masked(weappText)
  return h5Text
    .split('\n')
    .map((line) => inWeappWords(line.trim()))
    .filter((line) => line && !weapp.includes(squash(line)))
    .filter((line) => !(VOLATILE.some((v) => applies(v, route, line)) && weappMasked.includes(masked(line))))
    .filter((line) => !H5_ONLY.some((known) => applies(known, route, line)))
}
