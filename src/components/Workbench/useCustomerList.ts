import { useCallback, useEffect, useRef, useState } from 'react'
import type { CustomerView } from '../../api/contract'
import { messageOf } from '../../services/cloud'
import type { MoreState } from '../../services/paging'
import { checkSearch } from './customerSearch'

export type CustomersState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; customers: CustomerView[]; search: string | undefined }

/** A page of customers as the server answers: 50 at most, and whether more follow. */
export type CustomerPage = (search: string | undefined, offset: number) => Promise<{ customers: CustomerView[]; more: boolean }>

/** A later page never repeats a customer already shown (someone seen meanwhile moves up the order). */
const appendCustomers = (shown: readonly CustomerView[], page: readonly CustomerView[]): CustomerView[] => {
  const known = new Set(shown.map((c) => c.memberNo))
  return [...shown, ...page.filter((c) => !known.has(c.memberNo))]
}

/**
 * A searchable list of customers, most recently seen first, a page at a time: a name's start, a phone
 * number's last 4 digits, or both. `fetchPage` asks the server (which decides whose customers these are); a new
 * `scope` (another store) reads the list again from the top, keeping the search.
 */
export const useCustomerList = (fetchPage: CustomerPage, scope = '') => {
  const [state, setState] = useState<CustomersState>({ status: 'loading' })
  const [more, setMore] = useState<MoreState>({ status: 'end' })
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  // Quick changes of store or search: only the answer to the last question is shown.
  const latest = useRef(0)
  const searchRef = useRef<string | undefined>(undefined)

  const load = useCallback(async (search: string | undefined) => {
    const ticket = ++latest.current
    searchRef.current = search
    setState({ status: 'loading' })
    setMore({ status: 'end' })
    try {
      const page = await fetchRef.current(search, 0)
      if (ticket !== latest.current) return
      setState({ status: 'ready', customers: page.customers, search })
      setMore(page.more ? { status: 'idle' } : { status: 'end' })
    } catch (e) {
      if (ticket === latest.current) setState({ status: 'failed', message: messageOf(e) })
    }
  }, [])

  useEffect(() => void load(searchRef.current), [load, scope])

  const loadMore = async () => {
    if (state.status !== 'ready' || more.status !== 'idle') return
    const ticket = latest.current
    setMore({ status: 'loading' })
    try {
      const page = await fetchRef.current(state.search, state.customers.length)
      if (ticket !== latest.current) return
      setState({ ...state, customers: appendCustomers(state.customers, page.customers) })
      setMore(page.more ? { status: 'idle' } : { status: 'end' })
    } catch (e) {
      if (ticket === latest.current) setMore({ status: 'failed', message: messageOf(e) })
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
    /** Pull-down refresh and retry: the same search again. */
    reload: () => load(searchRef.current),
    loadMore: () => void loadMore(),
  }
}

export type CustomerList = ReturnType<typeof useCustomerList>
