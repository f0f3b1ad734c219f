import { Text, View } from '@tarojs/components'
import type { OpsCampaignView } from '../../api/contract'
import { lastCoveredBusinessDate } from '../../domain/time'
import { openingTime } from '../../wording/coupons'
import { MODE_WORDS } from './campaignForm'

const STATUS_WORDS: Record<OpsCampaignView['status'], string> = { active: '进行中', issuing: '发放中', closed: '已结束' }

/** One campaign as the operator follows it: how it reaches members, to whom, when, and how far issuing got. */
export const CampaignEntry = ({ campaign, templateTitle }: { campaign: OpsCampaignView; templateTitle: string }) => (
  <View className="ops-campaign">
    <View className="ops-campaign__top">
      <Text className="ops-campaign__title">{campaign.title}</Text>
      <Text className={`ops-campaign__status ops-campaign__status--${campaign.status}`}>{STATUS_WORDS[campaign.status]}</Text>
    </View>
    <Text className="ops-campaign__line">{`${MODE_WORDS[campaign.mode]} · ${campaign.audience} · ${templateTitle}`}</Text>
    <Text className="ops-campaign__line">
      {`${openingTime(campaign.opensAt)} 开始${campaign.mode === 'claim' && campaign.vipEarlyDays > 0 ? `（VIP提前 ${campaign.vipEarlyDays} 天）` : ''} · ${lastCoveredBusinessDate(campaign.endsAt)} 结束`}
    </Text>
    {campaign.mode === 'issue' && (
      <Text className="ops-campaign__progress">{`已发放 ${campaign.issued} 张${campaign.skipped ? ` · 跳过 ${campaign.skipped} 人` : ''}`}</Text>
    )}
  </View>
)
