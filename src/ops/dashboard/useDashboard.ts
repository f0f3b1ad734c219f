import { useEffect, useRef, useState } from 'react'
import type { DashboardView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import type { Period } from '../../insights/dashboardData'

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; view: DashboardView }

/** The dashboard over the chosen period; switching asks again, and only the latest answer is shown. */
export const useDashboard = () => {
  const [period, setPeriod] = useState<Period>('30')
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const latest = useRef(0)

  const load = async (days: Period) => {
    const ask = ++latest.current
    setLoaded({ status: 'loading' })
    try {
      const view = await callCloud('ops', 'dashboard', { days: Number(days) })
      if (ask === latest.current) setLoaded({ status: 'ready', view })
    } catch (error) {
      if (ask === latest.current) setLoaded({ status: 'failed', message: messageOf(error) })
    }
  }
  useEffect(() => void load(period), [period])

  return { period, choose: setPeriod, loaded, retry: () => void load(period) }
}
