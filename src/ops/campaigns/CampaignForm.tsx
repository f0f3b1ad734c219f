import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { TOP_LIST_NAMES, type TopListName } from '../../domain/audience'
import { TIER_NAMES, type TierId } from '../../domain/program'
import type { CustomerClass } from '../../domain/segments'
import { AUDIENCE_WORDS, MODE_WORDS, type AudienceKind, type CampaignMode } from '../../campaigns/campaignForm'
import { Choice } from '../shared/Choice'
import type { useOpsCampaigns } from './useOpsCampaigns'

type Page = ReturnType<typeof useOpsCampaigns>

const MODES: CampaignMode[] = ['claim', 'issue']
// Two rows of switches: six choices do not fit one row on a phone.
const AUDIENCES: AudienceKind[] = ['all', 'tiers', 'store', 'list']
const SEGMENT_AUDIENCES: AudienceKind[] = ['classes', 'top']
const TIERS: TierId[] = ['member', 'vip', 'gold']
const CLASSES: CustomerClass[] = ['A', 'B', 'C', 'D']
const CLASS_WORDS: Record<CustomerClass, string> = { A: 'A类', B: 'B类', C: 'C类', D: 'D类' }
const TOP_LISTS: TopListName[] = ['loyal', 'main', 'big']

/** The new campaign's fields, each with its error beside it. */
export const CampaignForm = ({ page }: { page: Page }) => {
  const { draft, errors, change, templates } = page
  const templateIndex = templates.findIndex((t) => t.id === draft.templateId)
  const template = templates[templateIndex]
  return (
    <View className="ops-campaign-form">
      <Field label="活动名称" error={errors.title}>
        <Input
          className="field__input"
          placeholderClass="field__placeholder"
          placeholder="例如 新季预览会"
          maxlength={30}
          value={draft.title}
          onInput={(e) => change('title', { title: e.detail.value })}
        />
      </Field>
      <Field
        label="优惠券"
        error={errors.template}
        hint={template ? `${template.benefitText}${template.stockLeft === null ? '' : ` · 剩余 ${template.stockLeft} 张`}` : undefined}
      >
        <Picker
          className="ops-picker"
          mode="selector"
          range={templates.map((t) => `${t.title}（${t.benefitText}）`)}
          value={Math.max(0, templateIndex)}
          onChange={(e) => change('template', { templateId: templates[Number(e.detail.value)]?.id ?? null })}
        >
          <View className="ops-picker__value">
            {template ? <Text>{template.title}</Text> : <Text className="field__placeholder">选择券模板</Text>}
            <Text className="ops-picker__caret">▾</Text>
          </View>
        </Picker>
      </Field>

      <Text className="ops-form__label">发放方式</Text>
      <Choice options={MODES} words={MODE_WORDS} on={(m) => draft.mode === m} pick={(mode) => change('vipEarlyDays', { mode })} />

      <Text className="ops-form__label">活动对象</Text>
      <Choice
        options={AUDIENCES}
        words={AUDIENCE_WORDS}
        on={(a) => draft.audienceKind === a}
        pick={(audienceKind) => change('audience', { audienceKind })}
      />
      <Choice
        options={SEGMENT_AUDIENCES}
        words={AUDIENCE_WORDS}
        on={(a) => draft.audienceKind === a}
        pick={(audienceKind) => change('audience', { audienceKind })}
      />
      {draft.audienceKind === 'classes' && (
        <>
          <Choice options={CLASSES} words={CLASS_WORDS} on={(c) => draft.classes.includes(c)} pick={page.toggleClass} />
          <Text className="field__hint ops-campaign-form__hint">按每晚计算的客户分类，可多选</Text>
        </>
      )}
      {draft.audienceKind === 'top' && (
        <>
          <Choice
            options={TOP_LISTS}
            words={TOP_LIST_NAMES}
            on={(l) => draft.topList === l}
            pick={(topList) => change('audience', { topList })}
          />
          <Field label="发券人数" error={errors.audience} hint="创建时按当时的排名取前 N 名（1–1,000），之后名单不再变动">
            <Text className="ops-campaign-form__affix">前</Text>
            <Input
              className="field__input"
              placeholderClass="field__placeholder"
              placeholder="20"
              type="number"
              maxlength={4}
              value={draft.topCountText}
              onInput={(e) => change('audience', { topCountText: e.detail.value })}
            />
            <Text className="ops-campaign-form__affix">名</Text>
          </Field>
        </>
      )}
      {draft.audienceKind === 'tiers' && (
        <Choice
          options={TIERS}
          words={TIER_NAMES}
          on={(t) => draft.tiers.includes(t)}
          pick={(t) => change('audience', { tiers: draft.tiers.includes(t) ? draft.tiers.filter((x) => x !== t) : [...draft.tiers, t] })}
        />
      )}
      {draft.audienceKind === 'store' && (
        <Field label="门店编号" error={errors.audience}>
          <Input
            className="field__input"
            placeholderClass="field__placeholder"
            placeholder="例如 SH001"
            maxlength={40}
            value={draft.storeId}
            onInput={(e) => change('audience', { storeId: e.detail.value })}
          />
        </Field>
      )}
      {draft.audienceKind === 'list' && (
        <Field label="会员码名单" error={errors.audience} hint="每行一个 11 位会员号，最多 1,000 人">
          <Textarea
            className="ops-textarea"
            placeholderClass="field__placeholder"
            placeholder={'20261123002\n20261123010'}
            maxlength={20000}
            value={draft.memberCodesText}
            onInput={(e) => change('audience', { memberCodesText: e.detail.value })}
          />
        </Field>
      )}
      {draft.audienceKind !== 'store' && draft.audienceKind !== 'list' && draft.audienceKind !== 'top' && errors.audience && (
        <Text className="field__error">{errors.audience}</Text>
      )}

      <Field label="开始时间" error={errors.opensAt} hint={draft.mode === 'claim' ? '所有会员从此时起可领取' : '发放记录的开始时间'}>
        <View className="ops-when">
          <Picker mode="date" value={draft.opensDate} onChange={(e) => change('opensAt', { opensDate: String(e.detail.value) })}>
            <Text className="ops-when__part">{draft.opensDate}</Text>
          </Picker>
          <Picker mode="time" value={draft.opensTime} onChange={(e) => change('opensAt', { opensTime: String(e.detail.value) })}>
            <Text className="ops-when__part">{draft.opensTime}</Text>
          </Picker>
        </View>
      </Field>
      {draft.mode === 'claim' && (
        <Field label="VIP提前天数" error={errors.vipEarlyDays} hint="VIP与金卡会员提前领取的天数，默认 3 天；0 为不提前">
          <Input
            className="field__input"
            placeholderClass="field__placeholder"
            placeholder="3"
            type="number"
            maxlength={2}
            value={draft.vipEarlyDaysText}
            onInput={(e) => change('vipEarlyDays', { vipEarlyDaysText: e.detail.value })}
          />
        </Field>
      )}
      <Field label="结束日期" error={errors.endsAt} hint="当天 24:00 结束">
        <View className="ops-when">
          <Picker mode="date" value={draft.endsDate} onChange={(e) => change('endsAt', { endsDate: String(e.detail.value) })}>
            <Text className="ops-when__part">{draft.endsDate}</Text>
          </Picker>
        </View>
      </Field>

      {errors.form && <Text className="form-error">{errors.form}</Text>}
      <Button className="btn btn--primary ops-page__action" onClick={page.review}>
        创建活动
      </Button>
    </View>
  )
}
