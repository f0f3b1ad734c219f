import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BirthdayReminder } from '../../components/BirthdayReminder'
import { JoinWelcome } from '../../components/JoinWelcome'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { MemberCard } from '../../components/MemberCard'
import { MemberCode } from '../../components/MemberCode'
import { MeLinks } from '../../components/MeLinks'
import { StaffEntryLink } from '../../components/StaffEntryLink'
import { StatusScreen } from '../../components/StatusScreen'
import { TierProgress } from '../../components/TierProgress'
import { birthdayBlockText } from '../../wording/coupons'
import { formatPoints } from '../../wording/points'
import { ROUTES } from '../../routes'
import { offlineWording, useCard } from './useCard'
import './index.scss'

const CardPage = () => {
  const card = useCard()
  const { state } = card
  return (
    <View className="card-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在打开会员卡" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="会员卡暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={card.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          {state.offline && (
            <Text className="card-page__offline">
              {offlineWording(state.offline.savedAt, new Date(Date.now() + state.offline.offsetMs).toISOString())}
            </Text>
          )}
          <MemberCard
            member={state.member}
            tier={state.tier}
            points={state.points}
            expiring={state.expiring}
            onPointsTap={card.openPointsHistory}
          />
          {state.birthdayCoupon && (
            <View className="card-page__birthday" onClick={() => card.openCoupon(state.birthdayCoupon!.id)}>
              <View className="card-page__birthday-text">
                <Text className="card-page__birthday-title">{birthdayBlockText(state.birthdayCoupon)}</Text>
                <Text className="card-page__birthday-hint">生日快乐！本月到店消费出示此券即享礼遇</Text>
              </View>
              <Text className="card-page__birthday-go">出示 ›</Text>
            </View>
          )}
          {card.justJoined && (
            <View className="card-page__section">
              <BirthdayReminder templates={state.subscribeTemplates} />
            </View>
          )}
          <View className="card-page__section card-page__perks">
            <View className="card-page__perk" onClick={card.openCoupons}>
              <Text className="card-page__perk-mark">券</Text>
              <Text className="card-page__perk-title">我的优惠券</Text>
            </View>
            <View className="card-page__perk" onClick={card.openCatalog}>
              <Text className="card-page__perk-mark">兑</Text>
              <Text className="card-page__perk-title">积分兑换</Text>
            </View>
            <View className="card-page__perk" onClick={card.openCampaigns}>
              <Text className="card-page__perk-mark">领</Text>
              <Text className="card-page__perk-title">领券中心</Text>
            </View>
            <View className="card-page__perk" onClick={card.openEvents}>
              <Text className="card-page__perk-mark">约</Text>
              <Text className="card-page__perk-title">会员活动</Text>
            </View>
          </View>
          <View className="card-page__section">
            <TierProgress progress={state.progress} />
          </View>
          <MeLinks />
          <View className="card-page__invite" onClick={card.openInvite}>
            <Text className="card-page__invite-title">邀请好友</Text>
            <Text className="card-page__invite-hint">{`好友首次消费，你得 ${formatPoints(state.inviterPoints)} 积分`}</Text>
            <Text className="card-page__invite-go">›</Text>
          </View>
          <View className="card-page__section card-page__code">
            <Text className="card-page__code-title">会员码</Text>
            <Text className="card-page__code-hint">结账时出示给导购扫码，积分自动累计</Text>
            <MemberCode memberNo={state.member.memberNo} secret={card.code.secret} offsetMs={card.code.offsetMs} />
            <Text className="card-page__code-reset" onClick={card.resetCode}>
              {card.resetting ? '正在重置…' : '手机丢失或更换？重置会员码'}
            </Text>
          </View>
          <Text className="card-page__privacy" onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
            隐私与个人信息 ›
          </Text>
        </>
      )}
      <StaffEntryLink />
      <JoinWelcome />
      <LocalIdentitySwitcher />
    </View>
  )
}

export default CardPage
