import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { ActionOutput } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'

export type OpsRecordState =
  { status: 'loading' } | { status: 'failed'; message: string } | ({ status: 'ready' } & ActionOutput<'ops', 'customer'>)

/** WeChat may hand the query still encoded, H5 decoded; member numbers are digits either way. */
const memberNoFrom = (raw: string | undefined): string => (raw ? decodeURIComponent(raw) : '')

/** Any store's customer as operators read it: the facts, the card on file, the callbacks. Nothing is changed here. */
export const useOpsCustomer = () => {
  const memberNo = memberNoFrom(useRouter().params.no)
  const [state, setState] = useState<OpsRecordState>({ status: 'loading' })

  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', ...(await callCloud('ops', 'customer', { code: memberNo })) })
    } catch (e) {
      setState({ status: 'failed', message: messageOf(e) })
    }
  }, [memberNo])

  useEffect(() => void load(), [load])

  return { state, retry: () => void load() }
}
