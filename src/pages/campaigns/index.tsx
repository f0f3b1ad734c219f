import { Button, Text, View } from '@tarojs/components'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { CampaignItem } from './CampaignItem'
import { useCampaigns } from './useCampaigns'
import './index.scss'

const CampaignsPage = () => {
  const page = useCampaigns()
  const { state } = page
  return (
    <View className="campaigns-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载领券中心" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="领券中心暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <View className="campaigns-page__intro">
            <Text className="campaigns-page__title">会员专享券</Text>
            <Text className="campaigns-page__hint">领取的券放入「我的优惠券」；VIP与金卡会员可提前领取</Text>
          </View>
          {state.campaigns.length === 0 ? (
            <View className="campaigns-page__empty">
              <Text>暂无可领取的券，敬请期待</Text>
            </View>
          ) : (
            state.campaigns.map((campaign) => {
              const claim = page.claims[campaign.id]
              return (
                <CampaignItem
                  key={campaign.id}
                  campaign={campaign}
                  claim={claim}
                  onClaim={() => page.claim(campaign)}
                  onOpen={() => (claim?.status === 'claimed' ? page.openCoupon(claim.couponId) : page.openWallet())}
                />
              )
            })
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default CampaignsPage
