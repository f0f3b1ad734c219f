import { Button, Text, View } from '@tarojs/components'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { MemberCard } from '../../components/MemberCard'
import { MemberCode } from '../../components/MemberCode'
import { StaffEntryLink } from '../../components/StaffEntryLink'
import { StatusScreen } from '../../components/StatusScreen'
import { TierProgress } from '../../components/TierProgress'
import { useCard } from './useCard'
import './index.scss'

const CardPage = () => {
  const { state, retry, openPointsHistory } = useCard()
  return (
    <View className="card-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在打开会员卡" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="会员卡暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <MemberCard
            member={state.member}
            tier={state.tier}
            points={state.points}
            expiring={state.expiring}
            onPointsTap={openPointsHistory}
          />
          <View className="card-page__section">
            <TierProgress progress={state.progress} />
          </View>
          <View className="card-page__section card-page__code">
            <Text className="card-page__code-title">会员码</Text>
            <Text className="card-page__code-hint">结账时出示给导购扫码，积分自动累计</Text>
            <MemberCode memberNo={state.member.memberNo} />
          </View>
        </>
      )}
      <StaffEntryLink />
      <LocalIdentitySwitcher />
    </View>
  )
}

export default CardPage
