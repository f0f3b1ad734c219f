/** The brand's wordmark on the card face; one place to change it for another brand. */
export const BRAND_WORDMARK = 'VIP CARD'
