/** 营销: campaigns with their reach, the subscribe messages sent and their delivery, and referral rewards held for review. */
import { TabbedArea } from '../../shell/TabbedArea'
import { CampaignsTab } from './CampaignsTab'
import { MessagesTab } from './MessagesTab'
import { ReferralsTab } from './ReferralsTab'

export default function MarketingArea() {
  return (
    <TabbedArea
      title="营销"
      tabs={[
        { value: 'campaigns', label: '优惠活动', content: <CampaignsTab /> },
        { value: 'messages', label: '消息发送', content: <MessagesTab /> },
        { value: 'referrals', label: '邀请奖励审核', content: <ReferralsTab /> },
      ]}
    />
  )
}
