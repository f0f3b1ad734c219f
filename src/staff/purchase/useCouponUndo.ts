import { useState } from 'react'
import type { ActionOutput } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import type { CouponKey } from '../shared/useCouponLookup'

export type UndoState =
  | { status: 'idle' }
  | { status: 'asking' }
  | { status: 'undoing' }
  | { status: 'done'; result: ActionOutput<'staff', 'undoCouponUse'> }
  | { status: 'failed'; message: string }

/**
 * "撤销核销" on the receipt of a purchase made with a coupon: within ten minutes, by the assistant who
 * redeemed it, the coupon goes back to the customer and the purchase is refunded in full. The server decides
 * (and says why not); undoing is a state change, so a repeated tap finds nothing left to undo.
 */
export const useCouponUndo = () => {
  const [state, setState] = useState<UndoState>({ status: 'idle' })

  const undo = async (coupon: CouponKey) => {
    if (state.status === 'undoing') return
    setState({ status: 'undoing' })
    try {
      setState({ status: 'done', result: await callCloud('staff', 'undoCouponUse', coupon) })
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) })
    }
  }

  return {
    state,
    ask: () => setState({ status: 'asking' }),
    cancel: () => setState({ status: 'idle' }),
    undo: (coupon: CouponKey) => void undo(coupon),
    reset: () => setState({ status: 'idle' }),
  }
}
