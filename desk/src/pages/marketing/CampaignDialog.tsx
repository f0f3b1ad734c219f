/**
 * A new campaign with everything the phone's form has (the same draft and checks: src/campaigns/campaignForm.ts),
 * and how many members its audience reaches now, counted on the server as the audience changes. Issuing to an
 * audience is confirmed first with that count. An open campaign's title and last day are edited in a smaller form.
 */
import { useEffect, useState } from 'react'
import {
  Checkbox,
  DatePicker,
  Dialog,
  DialogPlugin,
  Form,
  Input,
  InputNumber,
  MessagePlugin,
  Radio,
  Select,
  Textarea,
  TimePicker,
} from 'tdesign-react'
import type { CouponTemplateView, OpsCampaignView, StoreView } from '../../../../src/api/contract'
import type { AudienceSizeInput } from '../../../../src/api/opsSchemas'
import { checkCampaignEdit, editDraftOf, type EditDraft, type EditErrors } from '../../../../src/campaigns/campaignEdit'
import {
  AUDIENCE_WORDS,
  audienceOf,
  checkCampaign,
  MODE_WORDS,
  newDraft,
  type AudienceKind,
  type CampaignDraft,
  type CampaignErrors,
  type CampaignInput,
  type CampaignRow as FormRow,
} from '../../../../src/campaigns/campaignForm'
import { TOP_LIST_MEASURES, TOP_LIST_NAMES, type TopListName } from '../../../../src/domain/audience'
import { call, DeskError } from '../../cloud'
import { Field } from '../../forms/Field'
import { useSubmit } from '../../forms/useSubmit'
import { className, tierName } from '../../wording'

/** The server's field for each row of the form. */
const FIELD_OF: Record<FormRow, string> = {
  title: 'title',
  template: 'templateId',
  audience: 'audience',
  opensAt: 'opensAt',
  vipEarlyDays: 'vipEarlyDays',
  endsAt: 'endsAt',
}

const AUDIENCES: AudienceKind[] = ['all', 'tiers', 'store', 'list', 'classes', 'top']
const TOP_LISTS: TopListName[] = ['loyal', 'main', 'big']

type Preview = { state: 'counting' } | { state: 'counted'; members: number } | { state: 'refused'; message: string }

/** Counts the draft's audience on the server, 400 ms after it last changed (typing a list does not ask per key). */
const useAudiencePreview = (draft: CampaignDraft): Preview => {
  const audience = audienceOf(draft)
  const key = JSON.stringify(audience)
  const [preview, setPreview] = useState<Preview>({ state: 'counting' })
  // No store picked yet: the schema's words for an empty id ("编号无效") would read as a fault.
  const noStore = draft.audienceKind === 'store' && !draft.storeId.trim()
  useEffect(() => {
    let current = true
    if (noStore) {
      setPreview({ state: 'refused', message: '请选择门店' })
      return
    }
    setPreview({ state: 'counting' })
    const timer = setTimeout(() => {
      call('ops', 'audienceSize', { audience: audience as AudienceSizeInput['audience'] })
        .then(({ members }) => current && setPreview({ state: 'counted', members }))
        .catch((e: unknown) => {
          if (!current) return
          const message = e instanceof DeskError ? (e.fields[0]?.message ?? e.message) : '人数统计失败'
          setPreview({ state: 'refused', message })
        })
    }, 400)
    return () => {
      current = false
      clearTimeout(timer)
    }
    // The audience's content, not its identity, decides a new count.
  }, [key, noStore])
  return preview
}

const previewText = (preview: Preview, draft: CampaignDraft): string => {
  if (preview.state === 'counting') return '正在统计覆盖人数…'
  if (preview.state === 'refused') return `暂无法统计：${preview.message}`
  const who = `${preview.members} 位会员`
  return draft.mode === 'issue' ? `将向 ${who} 发放（保存后立即开始）` : `当前覆盖 ${who}，均可领取`
}

interface CreateProps {
  templates: CouponTemplateView[]
  stores: StoreView[]
  onClose: () => void
  onSaved: () => void
}

export const NewCampaignDialog = ({ templates, stores, onClose, onSaved }: CreateProps) => {
  const form = useSubmit()
  const [draft, setDraft] = useState<CampaignDraft>(() => newDraft(new Date().toISOString()))
  const [errors, setErrors] = useState<CampaignErrors>({})
  const preview = useAudiencePreview(draft)
  const active = templates.filter((t) => t.active)
  const template = active.find((t) => t.id === draft.templateId)

  const change = (row: FormRow, patch: Partial<CampaignDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors(({ [row]: _gone, ...rest }) => rest)
  }
  const status = (row: FormRow) => {
    const message = errors[row] ?? form.fieldError(FIELD_OF[row])
    return { help: message, status: message ? ('error' as const) : undefined }
  }

  const send = async (input: CampaignInput) => {
    const done = await form.submit((requestId) => call('ops', 'createCampaign', { ...input, requestId }))
    if (!done) return
    const { campaign } = done
    void MessagePlugin.success(
      campaign.mode === 'issue' ? `已创建「${campaign.title}」，已发放 ${campaign.issued} 张` : `已创建「${campaign.title}」`,
    )
    onSaved()
  }

  const save = () => {
    const checked = checkCampaign(draft)
    setErrors(checked.ok ? {} : checked.errors)
    if (!checked.ok) return
    if (draft.mode !== 'issue') return void send(checked.input)
    // Issuing cannot be taken back: the operator sees how many members get the coupon before it starts.
    const ask = DialogPlugin.confirm({
      header: '确认发放',
      body: `${preview.state === 'counted' ? `将立即向 ${preview.members} 位会员` : '将立即向活动对象'}发放「${template?.title ?? ''}」，发出后不能撤回。`,
      confirmBtn: '确认发放',
      onConfirm: () => {
        ask.destroy()
        void send(checked.input)
      },
      onClose: () => ask.destroy(),
    })
  }

  return (
    <Dialog
      visible
      width={720}
      header="新建优惠活动"
      confirmBtn={{ content: draft.mode === 'issue' ? '创建并发放' : '创建活动', loading: form.submitting }}
      onConfirm={save}
      onClose={onClose}
    >
      <Form labelWidth={100}>
        <Field label="活动名称" {...status('title')}>
          <Input value={draft.title} onChange={(v) => change('title', { title: String(v) })} maxlength={30} placeholder="例如 新季预览会" />
        </Field>
        <Field label="优惠券" {...status('template')}>
          <Select
            value={draft.templateId ?? undefined}
            onChange={(v) => change('template', { templateId: (v as string) || null })}
            options={active.map((t) => ({
              value: t.id,
              label: `${t.title}（${t.benefitText}${t.stockLeft === null ? '' : ` · 剩 ${t.stockLeft} 张`}）`,
            }))}
            placeholder="选择券模板"
          />
        </Field>
        <Field label="发放方式" {...status('vipEarlyDays')}>
          <div className="inline-fields">
            <Radio.Group value={draft.mode} onChange={(v) => change('vipEarlyDays', { mode: v })}>
              {(['claim', 'issue'] as const).map((m) => (
                <Radio.Button key={m} value={m}>
                  {MODE_WORDS[m]}
                </Radio.Button>
              ))}
            </Radio.Group>
            {draft.mode === 'claim' && (
              <InputNumber
                value={Number(draft.vipEarlyDaysText) || 0}
                min={0}
                max={30}
                onChange={(v) => change('vipEarlyDays', { vipEarlyDaysText: String(typeof v === 'number' ? v : '') })}
                theme="normal"
                label="VIP提前"
                suffix="天"
              />
            )}
          </div>
        </Field>
        <Field label="活动对象" {...status('audience')}>
          <div className="audience">
            <Radio.Group value={draft.audienceKind} onChange={(v) => change('audience', { audienceKind: v })}>
              {AUDIENCES.map((a) => (
                <Radio.Button key={a} value={a}>
                  {AUDIENCE_WORDS[a]}
                </Radio.Button>
              ))}
            </Radio.Group>
            {draft.audienceKind === 'tiers' && (
              <Checkbox.Group
                value={draft.tiers}
                onChange={(v) => change('audience', { tiers: v })}
                options={(['member', 'vip', 'gold'] as const).map((t) => ({ value: t, label: tierName(t) }))}
              />
            )}
            {draft.audienceKind === 'store' && (
              <Select
                value={draft.storeId || undefined}
                onChange={(v) => change('audience', { storeId: (v as string) ?? '' })}
                options={stores.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
                placeholder="选择门店"
              />
            )}
            {draft.audienceKind === 'list' && (
              <Textarea
                value={draft.memberCodesText}
                onChange={(v) => change('audience', { memberCodesText: String(v) })}
                autosize={{ minRows: 3, maxRows: 8 }}
                placeholder={'每行一个 11 位会员号，最多 1,000 人\n20261123002\n20261123010'}
              />
            )}
            {draft.audienceKind === 'classes' && (
              <Checkbox.Group
                value={draft.classes}
                onChange={(v) => change('audience', { classes: [...v].sort() })}
                options={(['A', 'B', 'C', 'D'] as const).map((c) => ({ value: c, label: className(c) }))}
              />
            )}
            {draft.audienceKind === 'top' && (
              <div className="inline-fields">
                <Select
                  value={draft.topList}
                  onChange={(v) => change('audience', { topList: v as TopListName })}
                  options={TOP_LISTS.map((l) => ({ value: l, label: `${TOP_LIST_NAMES[l]}（${TOP_LIST_MEASURES[l]}）` }))}
                />
                <InputNumber
                  value={Number(draft.topCountText) || undefined}
                  min={1}
                  max={1000}
                  onChange={(v) => change('audience', { topCountText: typeof v === 'number' ? String(v) : '' })}
                  theme="normal"
                  label="前"
                  suffix="名"
                />
              </div>
            )}
            <p className={`audience__preview audience__preview--${preview.state}`} aria-live="polite">
              {previewText(preview, draft)}
            </p>
          </div>
        </Field>
        <Field label="开始时间" {...status('opensAt')}>
          <div className="inline-fields">
            <DatePicker
              value={draft.opensDate}
              valueType="YYYY-MM-DD"
              onChange={(v) => change('opensAt', { opensDate: String(v ?? '') })}
            />
            <TimePicker value={draft.opensTime} format="HH:mm" onChange={(v) => change('opensAt', { opensTime: String(v ?? '') })} />
          </div>
        </Field>
        <Field label="结束日期" help={status('endsAt').help ?? '当天 24:00 结束'} status={status('endsAt').status}>
          <DatePicker value={draft.endsDate} valueType="YYYY-MM-DD" onChange={(v) => change('endsAt', { endsDate: String(v ?? '') })} />
        </Field>
      </Form>
      {draft.mode === 'claim' && <p className="dialog__note">会员在小程序「优惠活动」中领取；VIP与金卡会员可提前领取。</p>}
      {(errors.form ?? form.error) && <p className="page__error">{errors.form ?? form.error}</p>}
    </Dialog>
  )
}

interface EditProps {
  campaign: OpsCampaignView
  onClose: () => void
  onSaved: () => void
}

/** An open campaign's title and last day (what the server lets change after creation). */
export const EditCampaignDialog = ({ campaign, onClose, onSaved }: EditProps) => {
  const form = useSubmit()
  const [draft, setDraft] = useState<EditDraft>(() => editDraftOf(campaign))
  const [errors, setErrors] = useState<EditErrors>({})
  const status = (row: 'title' | 'endsAt') => {
    const message = errors[row] ?? form.fieldError(row)
    return { help: message, status: message ? ('error' as const) : undefined }
  }
  const save = async () => {
    const checked = checkCampaignEdit(campaign.id, draft, new Date().toISOString())
    setErrors(checked.ok ? {} : checked.errors)
    if (!checked.ok) return
    const done = await form.submit(() => call('ops', 'updateCampaign', checked.input))
    if (!done) return
    void MessagePlugin.success(`已保存「${done.campaign.title}」`)
    onSaved()
  }
  return (
    <Dialog
      visible
      width={560}
      header={`编辑活动：${campaign.title}`}
      confirmBtn={{ content: '保存', loading: form.submitting }}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Form labelWidth={100}>
        <Field label="活动名称" {...status('title')}>
          <Input value={draft.title} maxlength={30} onChange={(v) => setDraft((d) => ({ ...d, title: String(v) }))} />
        </Field>
        <Field label="结束日期" help={status('endsAt').help ?? '当天 24:00 结束'} status={status('endsAt').status}>
          <DatePicker
            value={draft.endsDate}
            valueType="YYYY-MM-DD"
            onChange={(v) => setDraft((d) => ({ ...d, endsDate: String(v ?? '') }))}
          />
        </Field>
      </Form>
      <p className="dialog__note">券、发放方式和活动对象创建后不能更改；要停止活动请用「结束」。</p>
      {(errors.form ?? form.error) && <p className="page__error">{errors.form ?? form.error}</p>}
    </Dialog>
  )
}
