/**
 * The product's words: one name per thing, for shoppers, staff and operators alike, and the words that must not
 * stand in for them. Pages name things through TERMS where a name is shared; test/weapp/pages.test.ts reads every
 * page as WeChat draws it and fails on a misnomer anywhere, or on an English word on a shopper's page.
 */
import { BRAND_WORDMARK, CARD_WORDMARK } from '../brand'
import { CLOTHING_SIZES } from '../domain/preferences'

export const TERMS = {
  /** What purchases earn and the catalog spends: never money. */
  points: '积分',
  /** The dynamic code staff scan at the till. */
  memberCode: '会员码',
  /** The member's number on the card face. */
  memberNo: '会员号',
  coupon: '优惠券',
  /** A coupon for a catalog gift, exchanged for points and handed over in store (benefit kind `gift`). */
  giftCoupon: '礼品券',
  /** The staff page that hands a gift over against its coupon. */
  giftHandover: '礼品券核销',
  /** What operators create to issue coupons to an audience or open them for claiming. */
  couponCampaign: '优惠券活动',
  /** Where shoppers claim the campaigns open to them. */
  couponCenter: '领券中心',
  /** Where shoppers spend points on gifts. */
  pointsExchange: '积分兑换',
  memberEvents: '会员活动',
} as const

export interface Misnomer {
  word: string
  /** What to say instead. */
  say: string
  why: string
}

/** Words no page may show, with what to say instead. */
export const MISNOMERS: readonly Misnomer[] = [
  { word: '余额', say: TERMS.points, why: '余额 is money in WeChat (零钱余额): points are not money (a balance after an entry is 剩余)' },
  { word: '赠品券', say: TERMS.giftCoupon, why: 'one name for the coupon a catalog gift is exchanged into' },
  { word: '兑换券', say: TERMS.giftCoupon, why: 'one name for the coupon a catalog gift is exchanged into' },
  { word: '券中心', say: TERMS.couponCenter, why: 'one name for where shoppers claim coupons' },
  { word: '会员编号', say: TERMS.memberNo, why: 'one name for the number on the card' },
]

/**
 * Latin words a shopper may read: the brand's own wordmarks (a brand's name is often Latin), VIP, which Chinese
 * retail uses as a word of its own (VIP会员), and garment sizes as the labels in the clothes say them (XS–XXL).
 */
export const SHOPPER_LATIN_WORDS: ReadonlySet<string> = new Set([
  'VIP',
  ...`${BRAND_WORDMARK} ${CARD_WORDMARK}`.split(/\s+/),
  ...CLOTHING_SIZES.filter((size) => /^[A-Z]+$/.test(size)),
])

/**
 * The English words in a text a shopper reads: runs of two or more Latin letters, save the allowed words and
 * codes that mix letters with digits (a store's "SH001", an order's "POS-20261203-7" are identifiers, not words).
 */
export const englishWordsIn = (text: string): string[] =>
  [...new Set((text.match(/[A-Za-z0-9_-]+/g) ?? []).filter((run) => /[A-Za-z]{2}/.test(run) && !/\d/.test(run)))].filter(
    (word) => !SHOPPER_LATIN_WORDS.has(word),
  )

/** The misnomers a text uses, each once (a word inside the right term, 券中心 in 领券中心, is no misnomer). */
export const misnomersIn = (text: string): Misnomer[] => MISNOMERS.filter((m) => text.split(m.say).join('\n').includes(m.word))

/** What a page's text gets wrong: misnomers anywhere, English words on a shopper's page. */
export const glossaryProblems = (text: string, reader: 'shopper' | 'staff'): string[] => [
  ...misnomersIn(text).map((m) => `“${m.word}”: say “${m.say}” (${m.why})`),
  ...(reader === 'shopper' ? englishWordsIn(text).map((word) => `English on a shopper's page: “${word}”`) : []),
]
