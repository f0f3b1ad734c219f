import { Button, Input, Picker, Text, View } from '@tarojs/components'
import type { OpsCampaignView } from '../../api/contract'
import { Field } from '../../components/Field'
import { openingTime } from '../../wording/coupons'
import { MODE_WORDS } from '../../campaigns/campaignForm'
import type { useOpsCampaigns } from './useOpsCampaigns'
import { lastDayText } from '../../wording/dates'

type Page = ReturnType<typeof useOpsCampaigns>

const STATUS_WORDS: Record<OpsCampaignView['status'], string> = { active: '进行中', issuing: '发放中', closed: '已结束' }

/** The title and last day of a running campaign, edited in place. */
const EditForm = ({ page }: { page: Page }) => {
  if (page.managing?.kind !== 'edit') return null
  const { draft, errors, busy } = page.managing
  return (
    <View className="ops-campaign__manage">
      <Field label="活动名称" error={errors.title}>
        <Input className="field__input" maxlength={30} value={draft.title} onInput={(e) => page.editChange({ title: e.detail.value })} />
      </Field>
      <Field label="结束日期" error={errors.endsAt} hint="当天 24:00 结束">
        <View className="ops-when">
          <Picker mode="date" value={draft.endsDate} onChange={(e) => page.editChange({ endsDate: String(e.detail.value) })}>
            <Text className="ops-when__part">{draft.endsDate}</Text>
          </Picker>
        </View>
      </Field>
      {errors.form && <Text className="form-error">{errors.form}</Text>}
      <View className="ops-campaign__buttons">
        <Button className={`btn btn--primary ops-campaign__button${busy ? ' btn--disabled' : ''}`} disabled={busy} onClick={page.saveEdit}>
          {busy ? '正在保存…' : '保存修改'}
        </Button>
        {!busy && (
          <Text className="ops-page__link ops-campaign__cancel" onClick={page.cancelManaging}>
            取消
          </Text>
        )}
      </View>
    </View>
  )
}

/** Closing, confirmed first with what it does and does not do. */
const CloseConfirm = ({ page, campaign }: { page: Page; campaign: OpsCampaignView }) => {
  if (page.managing?.kind !== 'close') return null
  const { error, busy } = page.managing
  return (
    <View className="ops-campaign__manage ops-campaign__closing">
      <Text className="ops-campaign__closing-title">{`结束「${campaign.title}」？`}</Text>
      <Text className="ops-campaign__line">
        {campaign.mode === 'claim'
          ? '结束后会员不能再领取；已领取的券在有效期内仍可使用。'
          : '结束后停止发放；已发出的券在有效期内仍可使用。'}
      </Text>
      {error && <Text className="form-error">{error}</Text>}
      <View className="ops-campaign__buttons">
        <Button
          className={`btn ops-campaign__button ops-campaign__button--danger${busy ? ' btn--disabled' : ''}`}
          disabled={busy}
          onClick={page.confirmClose}
        >
          {busy ? '正在结束…' : '确认结束'}
        </Button>
        {!busy && (
          <Text className="ops-page__link ops-campaign__cancel" onClick={page.cancelManaging}>
            取消
          </Text>
        )}
      </View>
    </View>
  )
}

/** One campaign as the operator follows it: how it reaches members, to whom, when, how far issuing got; edit or end it. */
export const CampaignEntry = ({ campaign, templateTitle, page }: { campaign: OpsCampaignView; templateTitle: string; page: Page }) => {
  const mine = page.managing?.campaignId === campaign.id ? page.managing : null
  return (
    <View className="ops-campaign">
      <View className="ops-campaign__top">
        <Text className="ops-campaign__title">{campaign.title}</Text>
        <Text className={`ops-campaign__status ops-campaign__status--${campaign.status}`}>{STATUS_WORDS[campaign.status]}</Text>
      </View>
      <Text className="ops-campaign__line">{`${MODE_WORDS[campaign.mode]} · ${campaign.audience} · ${templateTitle}`}</Text>
      <Text className="ops-campaign__line">
        {`${openingTime(campaign.opensAt)} 开始${campaign.mode === 'claim' && campaign.vipEarlyDays > 0 ? `（VIP提前 ${campaign.vipEarlyDays} 天）` : ''} · ${lastDayText(campaign.endsAt)} 结束`}
      </Text>
      {campaign.mode === 'issue' && (
        <Text className="ops-campaign__progress">{`已发放 ${campaign.issued} 张${campaign.skipped ? ` · 跳过 ${campaign.skipped} 人` : ''}`}</Text>
      )}
      {mine?.kind === 'edit' && <EditForm page={page} />}
      {mine?.kind === 'close' && <CloseConfirm page={page} campaign={campaign} />}
      {!mine && campaign.status !== 'closed' && (
        <View className="ops-campaign__actions">
          <Text className="ops-campaign__action" onClick={() => page.startEdit(campaign)}>
            编辑
          </Text>
          <Text className="ops-campaign__action ops-campaign__action--danger" onClick={() => page.startClose(campaign)}>
            结束活动
          </Text>
        </View>
      )}
    </View>
  )
}
