import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { CustomerView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import type { MoreState } from '../../services/paging'
import { checkSearch } from './customerSearch'

export type CustomersState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; customers: CustomerView[]; search: string | undefined }

/** A later page never repeats a customer already shown (someone seen meanwhile moves up the order). */
const appendCustomers = (shown: readonly CustomerView[], page: readonly CustomerView[]): CustomerView[] => {
  const known = new Set(shown.map((c) => c.memberNo))
  return [...shown, ...page.filter((c) => !known.has(c.memberNo))]
}

/**
 * My customers (a manager: the store's), most recently seen first, 50 at a time; searched by a name's
 * start or a phone number's last digits. The server decides whose customers these are.
 */
export const useCustomers = () => {
  const [state, setState] = useState<CustomersState>({ status: 'loading' })
  const [more, setMore] = useState<MoreState>({ status: 'end' })
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()

  const load = useCallback(async (search: string | undefined) => {
    setState({ status: 'loading' })
    try {
      const page = await callCloud('staff', 'customers', { search, offset: 0 })
      setState({ status: 'ready', customers: page.customers, search })
      setMore(page.more ? { status: 'idle' } : { status: 'end' })
    } catch (e) {
      setState({ status: 'failed', message: messageOf(e) })
    }
  }, [])

  useEffect(() => void load(undefined), [load])
  usePullDownRefresh(() => {
    const search = state.status === 'ready' ? state.search : undefined
    void load(search).finally(() => Taro.stopPullDownRefresh())
  })

  const loadMore = async () => {
    if (state.status !== 'ready' || more.status !== 'idle') return
    setMore({ status: 'loading' })
    try {
      const page = await callCloud('staff', 'customers', { search: state.search, offset: state.customers.length })
      setState({ ...state, customers: appendCustomers(state.customers, page.customers) })
      setMore(page.more ? { status: 'idle' } : { status: 'end' })
    } catch (e) {
      setMore({ status: 'failed', message: messageOf(e) })
    }
  }

  return {
    state,
    more,
    text,
    error,
    type: (value: string) => {
      setText(value)
      setError(undefined)
    },
    search: () => {
      const checked = checkSearch(text)
      if (!checked.ok) return setError(checked.message)
      setError(undefined)
      void load(checked.search)
    },
    clear: () => {
      setText('')
      setError(undefined)
      void load(undefined)
    },
    retry: () => void load(state.status === 'ready' ? state.search : undefined),
    loadMore: () => void loadMore(),
  }
}
