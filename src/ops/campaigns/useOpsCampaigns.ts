import { useEffect, useState } from 'react'
import type { ActionOutput, CouponTemplateView, OpsCampaignView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { useConfirmStep } from '../../services/useConfirmStep'
import { campaignErrorsFrom, checkCampaign, newDraft, type CampaignDraft, type CampaignInput, type CampaignRow } from './campaignForm'

export type CampaignsList =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; campaigns: OpsCampaignView[]; templates: CouponTemplateView[] }

/**
 * The operator's campaigns: the list with issuing progress, and a form for a new one (members claim it,
 * VIPs first; or it is issued to an audience at once). Creating carries a request id kept until the server
 * answers, so a retry after a lost answer finds the campaign created the first time.
 */
export const useOpsCampaigns = () => {
  const [list, setList] = useState<CampaignsList>({ status: 'loading' })
  const [draft, setDraft] = useState<CampaignDraft>(() => newDraft(new Date().toISOString()))
  const [created, setCreated] = useState<ActionOutput<'ops', 'createCampaign'> | null>(null)

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

  return {
    list,
    /** Only templates still being issued can start a campaign. */
    templates: list.status === 'ready' ? list.templates.filter((t) => t.active) : [],
    draft,
    errors: step.errors,
    change,
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
  }
}
