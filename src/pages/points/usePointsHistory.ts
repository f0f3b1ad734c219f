import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { PointsHistoryEntry } from '../../api/contract'
import { AppError } from '../../domain/errors'
import type { PointBatch } from '../../domain/points'
import { pointsAt } from '../../wording/points'
import type { ShopperRules } from '../../domain/shopperRules'
import { callCloud, messageOf } from '../../services/cloud'
import { appendPage, moreAfter, type MoreState } from '../../services/paging'
import { ROUTES } from '../../routes'

export type HistoryState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | {
      status: 'ready'
      /** Usable now, by the server's clock. */
      points: number
      expiring: PointBatch | null
      program: ShopperRules
      entries: PointsHistoryEntry[]
      nextCursor: string | null
      more: MoreState
    }

/**
 * The shopper's points history: the balance and next expiry (from the card, by the server's clock) on top,
 * then the ledger newest first, a page at a time, on "加载更多" or on reaching the bottom.
 */
export const usePointsHistory = () => {
  const [state, setState] = useState<HistoryState>({ status: 'loading' })
  // The latest state for callbacks fired by Taro (reach-bottom), and a guard against a second page request
  // while one is in flight (reach-bottom fires on every scroll event near the bottom).
  const current = useRef(state)
  current.current = state
  const fetchingMore = useRef(false)

  const load = useCallback(async () => {
    try {
      const [{ member, program, serverTime }, page] = await Promise.all([
        callCloud('member', 'getCard', {}),
        callCloud('member', 'pointsHistory', { cursor: null }),
      ])
      setState({
        status: 'ready',
        ...pointsAt(member, serverTime),
        program,
        entries: page.entries,
        nextCursor: page.nextCursor,
        more: moreAfter(page.nextCursor),
      })
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  useEffect(() => void load(), [load])
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const loadMore = async () => {
    const before = current.current
    if (before.status !== 'ready' || !before.nextCursor || fetchingMore.current) return
    fetchingMore.current = true
    setState({ ...before, more: { status: 'loading' } })
    try {
      const page = await callCloud('member', 'pointsHistory', { cursor: before.nextCursor })
      setState((s) =>
        s.status === 'ready'
          ? { ...s, entries: appendPage(s.entries, page.entries), nextCursor: page.nextCursor, more: moreAfter(page.nextCursor) }
          : s,
      )
    } catch (error) {
      setState((s) => (s.status === 'ready' ? { ...s, more: { status: 'failed', message: messageOf(error) } } : s))
    } finally {
      fetchingMore.current = false
    }
  }

  useReachBottom(() => void loadMore())

  const retry = () => {
    setState({ status: 'loading' })
    void load()
  }
  return { state, retry, loadMore: () => void loadMore() }
}
