/** 营销: campaigns with their reach, the subscribe messages sent and their delivery, and referral rewards held for review. */
import { Tabs } from 'tdesign-react'
import { CampaignsTab } from './CampaignsTab'
import { MessagesTab } from './MessagesTab'
import { ReferralsTab } from './ReferralsTab'

export default function MarketingArea() {
  return (
    <section className="page">
      <h2 className="page__title">营销</h2>
      <Tabs defaultValue="campaigns">
        <Tabs.TabPanel value="campaigns" label="优惠活动">
          <div className="tab-body">
            <CampaignsTab />
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel value="messages" label="消息发送">
          <div className="tab-body">
            <MessagesTab />
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel value="referrals" label="邀请奖励审核">
          <div className="tab-body">
            <ReferralsTab />
          </div>
        </Tabs.TabPanel>
      </Tabs>
    </section>
  )
}
