import { useEffect, useState } from 'react'
import type { StoreView } from '../../../src/api/contract'
import { call } from '../cloud'

/**
 * The brand's stores for a picker or a filter (`ops.stores`), loaded once per component. None while loading or
 * when the call fails: the picker then offers 全部门店 only, and the list's own call says what went wrong.
 */
export const useStores = (): StoreView[] => {
  const [stores, setStores] = useState<StoreView[]>([])
  useEffect(() => {
    let current = true
    call('ops', 'stores', {})
      .then((answer) => current && setStores(answer.stores))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [])
  return stores
}
