/**
 * Editing a campaign after it started, apart from Taro (the phone's 活动 page and the desk's 营销 share it): its
 * title and its last day (business time; sent as the exclusive end, the start of the day after), checked with the
 * server's own schema.
 */
import type { OpsCampaignView } from '../api/contract'
import { UpdateCampaignSchema, type UpdateCampaignInput } from '../api/opsSchemas'
import { check } from '../api/fields'
import { isBefore, startOfNextBusinessDay, type Instant } from '../domain/time'
import { errorsByRow, refusalByRow, type RowErrors } from '../services/formErrors'
import { businessInstant } from './campaignForm'
import { lastDayText } from '../wording/dates'

export interface EditDraft {
  title: string
  /** The last day it runs, inclusive: "2026-12-31". */
  endsDate: string
}

export type EditRow = 'title' | 'endsAt'
export type EditErrors = RowErrors<EditRow>

const ROW_OF_FIELD: Record<string, EditRow> = { title: 'title', endsAt: 'endsAt' }

export const editDraftOf = (campaign: Pick<OpsCampaignView, 'title' | 'endsAt'>): EditDraft => ({
  title: campaign.title,
  endsDate: lastDayText(campaign.endsAt, 'pickerDate'),
})

export const checkCampaignEdit = (
  campaignId: string,
  draft: EditDraft,
  now: Instant,
): { ok: true; input: UpdateCampaignInput } | { ok: false; errors: EditErrors } => {
  const endsAt = startOfNextBusinessDay(businessInstant(draft.endsDate, '00:00'))
  const parsed = check(UpdateCampaignSchema, { campaignId, title: draft.title, endsAt })
  const errors: EditErrors = parsed.ok ? {} : errorsByRow(ROW_OF_FIELD, parsed.fields)
  // An end already past is a typo: closing now is the other button.
  if (!errors.endsAt && !isBefore(now, endsAt)) errors.endsAt = '结束日期不能早于今天；要立即结束请用“结束活动”'
  return parsed.ok && Object.keys(errors).length === 0 ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/** A refused edit, by row: the server's field errors at their rows, anything else under the form. */
export const editErrorsFrom = (error: unknown, fallbackMessage: string): EditErrors => refusalByRow(error, fallbackMessage, ROW_OF_FIELD)
