import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { HandOverPreview, InvitationView, StaffRow } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { refusalByRow, type RowErrors } from '../../services/formErrors'
import { usePendingRequest } from '../../services/requestId'

/** Where the page shows a refusal: at the invitation's fields, the hand-over's colleagues, or above the buttons. */
export type TeamRow = 'name' | 'staffId' | 'toStaffIds'
const ROW_OF_FIELD: Record<string, TeamRow> = { name: 'name', staffId: 'staffId', toStaffIds: 'toStaffIds' }

export type TeamState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; staff: StaffRow[]; invitations: InvitationView[] }

/** An invitation on screen, with its mini-program code to scan once loaded. */
export interface ShownInvitation {
  invitation: InvitationView
  qr: string | null
  qrError: string | null
}

/**
 * The store manager's team page: the store's staff and open invitations, inviting a shop assistant (then showing
 * the code to scan), deactivating one who left, and handing their customers to colleagues with a preview. The
 * server decides every rule (staff/team.ts); this keeps the page's state and the request ids of what writes.
 */
export const useTeam = () => {
  const [state, setState] = useState<TeamState>({ status: 'loading' })
  const [shown, setShown] = useState<ShownInvitation | null>(null)
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<RowErrors<TeamRow>>({})
  const inviting = usePendingRequest()
  const handing = usePendingRequest()

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', ...(await callCloud('staff', 'team', {})) })
    } catch (e) {
      setState({ status: 'failed', message: messageOf(e) })
    }
  }, [])
  useEffect(() => void load(), [load])

  const show = async (invitation: InvitationView) => {
    setShown({ invitation, qr: null, qrError: null })
    try {
      const { qr } = await callCloud('staff', 'teamInvitationQr', { code: invitation.code })
      setShown({ invitation, qr: `data:${qr.contentType};base64,${qr.base64}`, qrError: null })
    } catch (e) {
      setShown({ invitation, qr: null, qrError: messageOf(e) })
    }
  }

  /** Runs a write, showing its refusal by field (or as a message) and reloading the team after. */
  const write = async <T>(run: () => Promise<T>): Promise<T | null> => {
    if (busy) return null
    setBusy(true)
    setErrors({})
    try {
      return await run()
    } catch (e) {
      setErrors(refusalByRow(e, '网络不稳定，请重试', ROW_OF_FIELD))
      return null
    } finally {
      setBusy(false)
      void load()
    }
  }

  const invite = async (name: string, staffId: string) => {
    const done = await write(() => inviting.send((requestId) => callCloud('staff', 'inviteAssistant', { name, staffId, requestId })))
    if (done) await show(done.invitation)
    return done !== null
  }

  const deactivate = async (person: StaffRow) => {
    const { confirm } = await Taro.showModal({
      title: `停用${person.name}？`,
      content: 'TA 的导购权限和专属码立即失效；TA 的顾客仍记在 TA 名下，请随后移交给同事。',
      confirmText: '停用',
      confirmColor: '#c8423b',
    })
    if (!confirm) return false
    return (await write(() => callCloud('staff', 'deactivateAssistant', { staffId: person.staffId }))) !== null
  }

  const preview = async (fromStaffId: string, toStaffIds: string[]): Promise<HandOverPreview | null> => {
    if (toStaffIds.length === 0) return null
    try {
      return (await callCloud('staff', 'previewHandOver', { fromStaffId, toStaffIds })).preview
    } catch (e) {
      setErrors(refusalByRow(e, '网络不稳定，请重试', ROW_OF_FIELD))
      return null
    }
  }

  /** Sends the same request until the server says it is done: a long hand-over moves its customers in batches. */
  const handOver = async (fromStaffId: string, toStaffIds: string[]) => {
    const done = await write(() =>
      handing.send(async (requestId) => {
        for (;;) {
          const { handOver } = await callCloud('staff', 'handOverCustomers', { fromStaffId, toStaffIds, requestId })
          if (handOver.done) return handOver
        }
      }),
    )
    if (done) void Taro.showToast({ title: `已移交 ${done.moved} 位顾客`, icon: 'success' })
    return done !== null
  }

  return { state, shown, busy, errors, reload: load, show, hide: () => setShown(null), invite, deactivate, preview, handOver }
}
