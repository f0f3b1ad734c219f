import { Text, View } from '@tarojs/components'
import type { CampaignView } from '../../api/contract'
import { accessWording } from '../../wording/coupons'
import { formatPoints } from '../../wording/points'
import type { ClaimState } from './useCampaigns'
import { lastDayText } from '../../wording/dates'

interface Props {
  campaign: CampaignView
  claim: ClaimState | undefined
  onClaim: () => void
  /** The claimed coupon, in the wallet. */
  onOpen: () => void
}

/** One campaign: what its coupon gives, until when, when it opens (VIPs first), and the claim button. */
export const CampaignItem = ({ campaign, claim, onClaim, onOpen }: Props) => {
  const access = accessWording(campaign.access, '领取')
  const claimed = campaign.claimed || claim?.status === 'claimed'
  const soldOut = campaign.stockLeft === 0
  return (
    <View className="campaign-item">
      <View className="campaign-item__head">
        <Text className="campaign-item__title">{campaign.title}</Text>
        {access.open && access.vipEarly && <Text className="vip-early">VIP抢先</Text>}
      </View>
      <Text className="campaign-item__benefit">{campaign.benefitText}</Text>
      {campaign.note && <Text className="campaign-item__description">{campaign.note}</Text>}
      {access.line && <Text className={`campaign-item__access${access.open ? '' : ' campaign-item__access--closed'}`}>{access.line}</Text>}
      {claim?.status === 'failed' && <Text className="campaign-item__error">{claim.message}</Text>}
      <View className="campaign-item__foot">
        <Text className="campaign-item__limits">
          {[`${lastDayText(campaign.endsAt)} 截止`, campaign.stockLeft === null ? null : `剩余 ${formatPoints(campaign.stockLeft)} 张`]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {claimed ? (
          <Text className="campaign-item__button campaign-item__button--off" onClick={onOpen}>
            已领取
          </Text>
        ) : !access.open || soldOut ? (
          <Text className="campaign-item__button campaign-item__button--off">{soldOut ? '已领完' : '尚未开放'}</Text>
        ) : (
          <Text className="campaign-item__button" onClick={onClaim}>
            {claim?.status === 'claiming' ? '领取中…' : '领取'}
          </Text>
        )}
      </View>
    </View>
  )
}
