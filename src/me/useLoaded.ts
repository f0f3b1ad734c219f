import { useEffect, useState } from 'react'
import { messageOf } from '../services/cloud'

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; data: T }

/** One call on opening the page, with a retry; the page shows loading, the refusal in words, or the data. */
export const useLoaded = <T>(load: () => Promise<T>) => {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' })
  const run = async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', data: await load() })
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) })
    }
  }
  useEffect(() => {
    void run()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one call on opening; `load` is a new function each render
  }, [])
  return { state, setData: (data: T) => setState({ status: 'ready', data }), retry: () => void run() }
}
