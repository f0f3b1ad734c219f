/** The brand's wordmark on the card face; one place to change it for another brand. */
export const BRAND_WORDMARK = 'VIP CARD'

/** The card face's wordmark: every member carries the card, so it does not say VIP (the badge says the tier). */
export const CARD_WORDMARK = 'MEMBER CARD'
