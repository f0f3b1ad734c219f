import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { audienceWords } from '../../domain/audience'
import { openingTime } from '../../wording/coupons'
import { ROUTES } from '../../routes'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { CampaignEntry } from './CampaignEntry'
import { CampaignForm } from './CampaignForm'
import { MODE_WORDS } from '../../campaigns/campaignForm'
import { useOpsCampaigns } from './useOpsCampaigns'
import './index.scss'
import { ConfirmActions } from '../shared/ConfirmActions'
import { lastDayText } from '../../wording/dates'

const OpsCampaignsPage = () => {
  const page = useOpsCampaigns()
  const { list, confirming, created } = page
  return (
    <OpsDesk title="优惠券活动">
      {() => (
        <>
          <OpsNav current={ROUTES.opsCampaigns} />
          {list.status === 'loading' && <StatusScreen mark="…" title="正在加载活动" />}
          {list.status === 'failed' && (
            <StatusScreen mark="!" title="活动暂时打不开" message={list.message}>
              <Button className="btn btn--primary" onClick={page.retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {list.status === 'ready' && (
            <>
              <View className="ops-page__panel">
                <Text className="ops-page__step">新建活动</Text>
                {page.preset && !created && !confirming && (
                  <Text className="ops-page__note ops-campaign-form__preset">{`已按客户分层预选活动对象：${audienceWords(page.preset)}`}</Text>
                )}
                {created && (
                  <Text className="ops-page__done">
                    {`已创建「${created.campaign.title}」${created.replayed ? '（重复提交，未再次创建）' : ''}` +
                      (created.campaign.mode === 'issue' ? `，已发放 ${created.campaign.issued} 张` : '')}
                  </Text>
                )}
                {confirming ? (
                  <>
                    <View className="ops-confirm">
                      <Text className="ops-confirm__title">{confirming.title}</Text>
                      <Text className="ops-confirm__line">{`券：${page.templates.find((t) => t.id === confirming.templateId)?.title ?? confirming.templateId}`}</Text>
                      <Text className="ops-confirm__line">{`${MODE_WORDS[confirming.mode]} · ${audienceWords(confirming.audience)}`}</Text>
                      <Text className="ops-confirm__line">
                        {`${openingTime(confirming.opensAt)} 开始` +
                          (confirming.mode === 'claim' && confirming.vipEarlyDays > 0 ? `，VIP提前 ${confirming.vipEarlyDays} 天` : '') +
                          ` · ${lastDayText(confirming.endsAt)} 结束`}
                      </Text>
                      {confirming.mode === 'issue' && <Text className="ops-confirm__line">创建后立即向活动对象发券，不可撤回</Text>}
                    </View>
                    <ConfirmActions verb="创建" retryIsSafe="同一个活动不会重复创建" error={page.errors.form} flow={page} />
                  </>
                ) : (
                  <CampaignForm page={page} />
                )}
              </View>

              <View className="ops-page__panel">
                <Text className="ops-page__step">全部活动</Text>
                {page.managed && <Text className="ops-page__done">{page.managed}</Text>}
                {list.campaigns.length === 0 ? (
                  <Text className="ops-page__empty">还没有活动</Text>
                ) : (
                  list.campaigns.map((campaign) => (
                    <CampaignEntry
                      key={campaign.id}
                      campaign={campaign}
                      templateTitle={list.templates.find((t) => t.id === campaign.templateId)?.title ?? campaign.templateId}
                      page={page}
                    />
                  ))
                )}
              </View>
            </>
          )}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsCampaignsPage
