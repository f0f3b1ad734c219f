import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { StoreView, TodayView } from '../../api/contract'
import { useCustomerList } from '../../components/Workbench/useCustomerList'
import { callCloud, messageOf } from '../../services/cloud'

export type OpsCustomersView = 'list' | 'today'

export type StoresState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; stores: StoreView[] }

/** The lists with the store they were asked for (undefined: every store), so the heading always matches them. */
export type OpsTodayState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; today: TodayView; storeId: string | undefined }

/** Every store (no `storeId`), or the one chosen: the server filters, the page only says which. */
const scopeInput = (storeId: string | undefined) => (storeId ? { storeId } : {})

/**
 * 全部顾客: every store's customers, or one store's, read-only. A store picker over two views of that
 * scope — the searchable list (newest seen first, 50 at a time) and 今日与本月 — each read from the server
 * when chosen; changing the store reads the chosen view again (the list keeps its search).
 */
export const useOpsCustomers = () => {
  const [stores, setStores] = useState<StoresState>({ status: 'loading' })
  const [storeId, setStoreId] = useState<string | undefined>(undefined)
  const [view, setView] = useState<OpsCustomersView>('list')
  const [today, setToday] = useState<OpsTodayState>({ status: 'loading' })

  const loadStores = useCallback(async () => {
    setStores({ status: 'loading' })
    try {
      setStores({ status: 'ready', stores: (await callCloud('ops', 'stores', {})).stores })
    } catch (e) {
      setStores({ status: 'failed', message: messageOf(e) })
    }
  }, [])
  useEffect(() => void loadStores(), [loadStores])

  const fetchPage = useCallback(
    (search: string | undefined, offset: number) => callCloud('ops', 'customers', { ...scopeInput(storeId), search, offset }),
    [storeId],
  )
  const list = useCustomerList(fetchPage, storeId ?? '')

  // A store chosen while the lists load: only the lists of the store last chosen are shown.
  const latestToday = useRef(0)
  const loadToday = useCallback(async () => {
    const ticket = ++latestToday.current
    setToday({ status: 'loading' })
    try {
      const answer = await callCloud('ops', 'today', scopeInput(storeId))
      if (ticket === latestToday.current) setToday({ status: 'ready', today: answer, storeId })
    } catch (e) {
      if (ticket === latestToday.current) setToday({ status: 'failed', message: messageOf(e) })
    }
  }, [storeId])
  useEffect(() => {
    if (view === 'today') void loadToday()
  }, [view, loadToday])

  usePullDownRefresh(() => void (view === 'today' ? loadToday() : list.reload()).finally(() => Taro.stopPullDownRefresh()))

  const storeList = stores.status === 'ready' ? stores.stores : []
  const nameOf = (id: string | undefined) => (id ? (storeList.find((s) => s.id === id)?.name ?? id) : '全部门店')
  return {
    stores,
    /** 全部门店 first, then each store: the picker's rows. */
    storeNames: ['全部门店', ...storeList.map((s) => s.name)],
    storeIndex: storeId ? storeList.findIndex((s) => s.id === storeId) + 1 : 0,
    /** The scope in words: "全部门店" or the store's name. */
    scopeName: nameOf(storeId),
    nameOf,
    storeChosen: storeId !== undefined,
    pickStore: (index: number) => {
      const next = index > 0 ? storeList[index - 1]?.id : undefined
      if (next !== storeId) setStoreId(next)
    },
    retryStores: () => void loadStores(),
    view,
    pickView: (next: OpsCustomersView) => setView(next),
    list,
    today,
    retryToday: () => void loadToday(),
  }
}
