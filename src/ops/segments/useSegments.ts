import { useEffect, useState } from 'react'
import type { SegmentsView, TopList } from '../../api/contract'
import type { CustomerClass } from '../../domain/segments'
import { callCloud, messageOf } from '../../services/cloud'

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; view: SegmentsView }

/** How many of a top list a campaign may take from here. */
export const TOP_COUNTS = [10, 20, 50, 100] as const
export type TopCount = (typeof TOP_COUNTS)[number]

/**
 * The segments page: the nightly classes and RFM table, the live top lists, and the picks that become a
 * campaign's audience (classes, or the first N of a top list).
 */
export const useSegments = () => {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [list, setList] = useState<TopList>('loyal')
  const [classes, setClasses] = useState<CustomerClass[]>([])
  const [count, setCount] = useState<TopCount>(20)

  const load = async () => {
    try {
      setLoaded({ status: 'ready', view: await callCloud('ops', 'segments', {}) })
    } catch (error) {
      setLoaded({ status: 'failed', message: messageOf(error) })
    }
  }
  useEffect(() => void load(), [])

  return {
    loaded,
    list,
    showList: setList,
    classes,
    /** Quick taps each count: toggled from the latest picks, not the ones last rendered. */
    toggleClass: (c: CustomerClass) => setClasses((all) => (all.includes(c) ? all.filter((x) => x !== c) : [...all, c].sort())),
    count,
    setCount,
    retry: () => {
      setLoaded({ status: 'loading' })
      void load()
    },
  }
}
