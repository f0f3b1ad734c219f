import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useShareAppMessage } from '@tarojs/taro'
import type { InviteView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { ROUTES } from '../../routes'
import { invitationWords } from '../../wording/referral'
import type { PosterOutcome } from './posterExport'
import { savePoster } from './posterExport'

export type InviteState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; invite: InviteView; inviterName: string }

/**
 * Where a friend lands: the server's share path (the join page with `ref=CODE`) plus the inviter's name for
 * the join page's greeting (`from=`, display only: the server binds by the code).
 */
export const invitationPath = (sharePath: string, inviterName: string): string =>
  `${sharePath}${sharePath.includes('?') ? '&' : '?'}from=${encodeURIComponent(inviterName)}`

/** What WeChat's share card carries: the inviter's words, and the path to the join page with the code. */
export const shareMessage = (state: InviteState): { title: string; path: string } =>
  state.status === 'ready'
    ? {
        title: invitationWords(state.inviterName, state.invite.rules).shareTitle,
        path: invitationPath(state.invite.sharePath, state.inviterName),
      }
    : // Shared from the menu before the page has loaded: still an invitation to join, without a code.
      { title: '邀请你加入会员', path: ROUTES.join }

/**
 * The member's invite page: their code, the share card and the poster, the rules (the program's, from the
 * server) and how their invitations stand. Read on every show: a friend's purchase changes the progress.
 * The inviter's name (for the poster and the share card) comes from the card.
 */
export const useInvite = () => {
  const [state, setState] = useState<InviteState>({ status: 'loading' })
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<PosterOutcome | null>(null)
  // WeChat asks for the share card when the button is tapped: the latest state, not the one first rendered.
  const latest = useRef(state)
  latest.current = state

  const load = useCallback(async () => {
    try {
      const [invite, card] = await Promise.all([callCloud('member', 'invite', {}), callCloud('member', 'getCard', {})])
      setState({ status: 'ready', invite, inviterName: card.member.name })
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  useShareAppMessage(() => shareMessage(latest.current))

  const save = async () => {
    if (state.status !== 'ready' || saving) return
    setSaving(true)
    setSaved(null)
    setSaved(await savePoster(invitationWords(state.inviterName, state.invite.rules), state.invite.posterImage))
    setSaving(false)
  }

  return {
    state,
    saving,
    saved,
    save: () => void save(),
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
  }
}
