import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MyDataFile } from '../../api/privacy'
import { AppError } from '../../domain/errors'
import { DELETE_CONFIRM_PHRASE } from '../../domain/erasure'
import { callCloud, messageOf } from '../../services/cloud'
import { ROUTES } from '../../routes'
import { whatIsLost, type WhatIsLost } from './privacyWording'

export type PrivacyState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  /** `member` null: not a member, so nothing is held; only the policy is shown. */
  | { status: 'ready'; member: WhatIsLost | null }
  | { status: 'deleted'; pointsForfeited: number }

type ExportState = { status: 'idle' } | { status: 'working' } | { status: 'done'; file: MyDataFile } | { status: 'failed'; message: string }
type DeleteState = { status: 'idle' } | { status: 'working' } | { status: 'failed'; message: string }

/** Deletion runs in steps on the server; the page keeps asking while it says inProgress (a few times at most). */
const MAX_DELETE_ROUNDS = 20

/**
 * 隐私与个人信息: the policy for anyone; for a member, their data as a file (导出我的数据) and the deletion of
 * their membership (注销会员), which says first what is lost and asks for the typed phrase.
 */
export const usePrivacy = () => {
  const [state, setState] = useState<PrivacyState>({ status: 'loading' })
  const [policyOpen, setPolicyOpen] = useState(false)
  const [exported, setExported] = useState<ExportState>({ status: 'idle' })
  const [phrase, setPhrase] = useState('')
  const [deletion, setDeletion] = useState<DeleteState>({ status: 'idle' })

  const load = useCallback(async () => {
    try {
      const [card, wallet] = await Promise.all([callCloud('member', 'getCard', {}), callCloud('member', 'coupons', {})])
      setState((s) => (s.status === 'deleted' ? s : { status: 'ready', member: whatIsLost(card, wallet.coupons) }))
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER')
        return setState((s) => (s.status === 'deleted' ? s : { status: 'ready', member: null }))
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  useDidShow(() => void load())

  const exportMyData = async () => {
    if (exported.status === 'working') return
    setExported({ status: 'working' })
    try {
      setExported({ status: 'done', file: await callCloud('member', 'myData', {}) })
    } catch (error) {
      setExported({ status: 'failed', message: messageOf(error) })
    }
  }

  const confirmed = phrase.trim() === DELETE_CONFIRM_PHRASE

  const deleteMembership = async () => {
    if (!confirmed || deletion.status === 'working') return
    setDeletion({ status: 'working' })
    try {
      for (let round = 0; round < MAX_DELETE_ROUNDS; round++) {
        const result = await callCloud('member', 'deleteMembership', { confirm: phrase })
        if (result.status === 'deleted') return setState({ status: 'deleted', pointsForfeited: result.pointsForfeited })
      }
      setDeletion({ status: 'failed', message: '注销尚未完成，请稍后再试' })
    } catch (error) {
      // A retry after the last step went through finds no member: that is done too.
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') return setState({ status: 'deleted', pointsForfeited: 0 })
      setDeletion({ status: 'failed', message: messageOf(error) })
    }
  }

  return {
    state,
    policyOpen,
    togglePolicy: () => setPolicyOpen((open) => !open),
    exported,
    exportMyData,
    phrase,
    setPhrase,
    confirmed,
    deletion,
    deleteMembership,
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    rejoin: () => void Taro.reLaunch({ url: ROUTES.join }),
    openCard: () => void Taro.reLaunch({ url: ROUTES.card }),
  }
}
