import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionOutput, CouponTemplateView, OpsCampaignView } from '../../api/contract'
import type { CustomerClass } from '../../domain/segments'
import { callCloud, messageOf } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { presetFrom } from '../../campaigns/audiencePreset'
import {
  campaignErrorsFrom,
  checkCampaign,
  newDraft,
  type CampaignDraft,
  type CampaignInput,
  type CampaignRow,
} from '../../campaigns/campaignForm'
import { checkCampaignEdit, editDraftOf, editErrorsFrom, type EditDraft, type EditErrors } from '../../campaigns/campaignEdit'

export type CampaignsList =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; campaigns: OpsCampaignView[]; templates: CouponTemplateView[] }

/** One campaign being changed: its title and last day, or its closing, confirmed first. */
export type Managing =
  | { kind: 'edit'; campaignId: string; draft: EditDraft; errors: EditErrors; busy: boolean }
  | { kind: 'close'; campaignId: string; error: string | null; busy: boolean }

/**
 * The operator's campaigns: the list with issuing progress, each open one editable (title, last day) or
 * closable after a confirmation; and a form for a new one (members claim it, VIPs first; or it is issued to
 * an audience at once — classes or a top list when opened from the segments page). Creating carries a
 * request id kept until the server answers, so a retry after a lost answer finds the campaign created first.
 */
export const useOpsCampaigns = () => {
  const { params } = useRouter()
  const [preset] = useState(() => presetFrom(params))
  const [list, setList] = useState<CampaignsList>({ status: 'loading' })
  const [draft, setDraft] = useState<CampaignDraft>(() => newDraft(new Date().toISOString(), preset))
  const [created, setCreated] = useState<ActionOutput<'ops', 'createCampaign'> | null>(null)
  const [managing, setManaging] = useState<Managing | null>(null)
  const [managed, setManaged] = useState<string | null>(null)

  const load = async () => {
    try {
      const [{ campaigns }, { templates }] = await Promise.all([callCloud('ops', 'campaigns', {}), callCloud('ops', 'couponTemplates', {})])
      setList({ status: 'ready', campaigns, templates })
    } catch (error) {
      setList({ status: 'failed', message: messageOf(error) })
    }
  }
  useEffect(() => void load(), [])

  const step = useConfirmStep({
    send: (input: CampaignInput, requestId) => callCloud('ops', 'createCampaign', { ...input, requestId }),
    errorsFrom: campaignErrorsFrom,
    onDone: (result) => {
      setCreated(result)
      step.clear()
      setDraft(newDraft(new Date().toISOString()))
      void load()
    },
  })

  const change = (row: CampaignRow, patch: Partial<CampaignDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    step.clearError(row)
  }

  /** The campaign as the server answered it, in place in the list. */
  const replace = (campaign: OpsCampaignView) =>
    setList((l) => (l.status === 'ready' ? { ...l, campaigns: l.campaigns.map((c) => (c.id === campaign.id ? campaign : c)) } : l))

  const saveEdit = async () => {
    if (managing?.kind !== 'edit' || managing.busy) return
    const checked = checkCampaignEdit(managing.campaignId, managing.draft, new Date().toISOString())
    if (!checked.ok) return setManaging({ ...managing, errors: checked.errors })
    setManaging({ ...managing, errors: {}, busy: true })
    try {
      const { campaign } = await callCloud('ops', 'updateCampaign', checked.input)
      replace(campaign)
      setManaging(null)
      setManaged(`已保存「${campaign.title}」`)
    } catch (error) {
      setManaging({ ...managing, errors: editErrorsFrom(error, messageOf(error)), busy: false })
    }
  }

  const close = async () => {
    if (managing?.kind !== 'close' || managing.busy) return
    setManaging({ ...managing, error: null, busy: true })
    try {
      const { campaign } = await callCloud('ops', 'closeCampaign', { campaignId: managing.campaignId })
      replace(campaign)
      setManaging(null)
      setManaged(`已结束「${campaign.title}」，会员不能再领取，已发出的券仍可使用`)
    } catch (error) {
      setManaging({ ...managing, error: messageOf(error), busy: false })
    }
  }

  return {
    list,
    /** Only templates still being issued can start a campaign. */
    templates: list.status === 'ready' ? list.templates.filter((t) => t.active) : [],
    preset,
    draft,
    errors: step.errors,
    change,
    /** Quick taps on several classes each count: toggled from the latest draft. */
    toggleClass: (c: CustomerClass) => {
      setDraft((d) => ({ ...d, classes: d.classes.includes(c) ? d.classes.filter((x) => x !== c) : [...d.classes, c].sort() }))
      step.clearError('audience')
    },
    review: () => {
      setCreated(null)
      step.review(checkCampaign(draft))
    },
    confirming: step.confirming,
    submitting: step.submitting,
    unanswered: step.unanswered,
    confirm: step.confirm,
    back: step.back,
    created,
    retry: () => {
      setList({ status: 'loading' })
      void load()
    },
    managing,
    managed,
    startEdit: (campaign: OpsCampaignView) => {
      setManaged(null)
      setManaging({ kind: 'edit', campaignId: campaign.id, draft: editDraftOf(campaign), errors: {}, busy: false })
    },
    editChange: (patch: Partial<EditDraft>) =>
      setManaging((m) => (m?.kind === 'edit' ? { ...m, draft: { ...m.draft, ...patch }, errors: {} } : m)),
    saveEdit: () => void saveEdit(),
    startClose: (campaign: OpsCampaignView) => {
      setManaged(null)
      setManaging({ kind: 'close', campaignId: campaign.id, error: null, busy: false })
    },
    confirmClose: () => void close(),
    cancelManaging: () => setManaging(null),
  }
}
