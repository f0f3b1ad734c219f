import type { Fen } from './money'
import type { ProgramRules } from './program'

/**
 * Points for a purchase: floor of the fen-exact product, so ¥520.99 at 1 point per yuan is 520 points.
 * Integer arithmetic only: (fen × points-per-yuan) / 100, floored.
 */
export const pointsForPurchase = (amountFen: Fen, program: ProgramRules): number =>
  Math.floor((amountFen * program.earning.pointsPerYuan) / 100)
