import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BirthdayReminder } from '../../components/BirthdayReminder'
import { JoinWelcome } from '../../components/JoinWelcome'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { MemberCard } from '../../components/MemberCard'
import { MeLinks } from '../../components/MeLinks'
import { StatusScreen } from '../../components/StatusScreen'
import { TierProgress } from '../../components/TierProgress'
import { birthdayBlockText } from '../../wording/coupons'
import { expiryWording, formatPoints } from '../../wording/points'
import { ROUTES } from '../../routes'
import { CodeView } from './CodeView'
import { offlineWording, useCard } from './useCard'
import { useCodeView } from './useCodeView'
import './index.scss'

/** A quick action under the card, with a count when there is something to count. */
const Perk = ({ mark, title, count, onClick }: { mark: string; title: string; count?: number; onClick: () => void }) => (
  <View className="card-page__perk" onClick={onClick}>
    <View className="card-page__perk-mark">
      <Text>{mark}</Text>
      {count ? <Text className="card-page__perk-count">{count > 99 ? '99+' : count}</Text> : null}
    </View>
    <Text className="card-page__perk-title">{title}</Text>
  </View>
)

const CardPage = () => {
  const card = useCard()
  const codeView = useCodeView()
  const { state, notices } = card
  const banner = notices.banner
  return (
    <View className={state.status === 'ready' ? 'card-page card-page--with-bar' : 'card-page'}>
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
            expiring={notices.faceExpiry}
            onPointsTap={card.openPointsHistory}
            onShowCode={codeView.open}
          />
          {banner?.kind === 'birthday' && state.birthdayCoupon && (
            <View className="card-page__birthday" onClick={() => card.openCoupon(state.birthdayCoupon!.id)}>
              <View className="card-page__birthday-text">
                <Text className="card-page__birthday-title">{birthdayBlockText(state.birthdayCoupon)}</Text>
                <Text className="card-page__birthday-hint">生日快乐！本月到店消费出示此券即享礼遇</Text>
              </View>
              <Text className="card-page__birthday-go">出示 ›</Text>
            </View>
          )}
          {banner?.kind === 'pointsExpiry' && (
            <View className="card-page__expiry" onClick={card.openCatalog}>
              <View className="card-page__expiry-text">
                <Text className="card-page__expiry-title">{expiryWording(banner.batch)}</Text>
                <Text className="card-page__expiry-hint">过期前可兑换礼品或优惠券</Text>
              </View>
              <Text className="card-page__expiry-go">去兑换 ›</Text>
            </View>
          )}
          {banner?.kind === 'reminder' && (
            <View className="card-page__section">
              <BirthdayReminder templates={state.subscribeTemplates} />
            </View>
          )}
          <View className="card-page__section card-page__perks">
            <Perk mark="券" title="我的优惠券" count={state.counts?.usableCoupons} onClick={card.openCoupons} />
            <Perk mark="兑" title="积分兑换" onClick={card.openCatalog} />
            <Perk mark="领" title="领券中心" onClick={card.openCampaigns} />
            <Perk mark="约" title="会员活动" count={state.counts?.upcomingEvents} onClick={card.openEvents} />
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
            <Text className="card-page__code-hint">每 30 秒自动更新，截图无效；无网络时也可出示</Text>
            <Text className="card-page__code-reset" onClick={card.resetCode}>
              {card.resetting ? '正在重置…' : '手机丢失或更换？重置会员码'}
            </Text>
          </View>
          <Text className="card-page__privacy" onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
            隐私与个人信息 ›
          </Text>
          {/* In the thumb zone on every scroll position: the code is what the card page is opened for at the till. */}
          <View className="card-page__bar">
            <Button className="btn btn--primary card-page__bar-button" onClick={codeView.open}>
              出示会员码
            </Button>
          </View>
          {codeView.shown && (
            <CodeView
              name={state.member.name}
              tier={state.tier}
              memberNo={state.member.memberNo}
              code={card.code}
              onClose={codeView.close}
            />
          )}
        </>
      )}
      <JoinWelcome />
      <LocalIdentitySwitcher />
    </View>
  )
}

export default CardPage
