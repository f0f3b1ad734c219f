import { Button, Text, View } from '@tarojs/components'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import type { MoreState } from '../../services/paging'
import { groupByMonth } from '../../wording/ledger'
import { expiryRuleWording, expiryWording, formatPoints } from '../../wording/points'
import { HistoryEntry } from './HistoryEntry'
import { usePointsHistory } from './usePointsHistory'
import './index.scss'

const MoreFooter = ({ more, onMore }: { more: MoreState; onMore: () => void }) => {
  switch (more.status) {
    case 'idle':
      return (
        <Text className="points-page__more points-page__more--action" onClick={onMore}>
          加载更多
        </Text>
      )
    case 'loading':
      return <Text className="points-page__more">正在加载…</Text>
    case 'failed':
      return (
        <View className="points-page__more">
          <Text className="points-page__more-error">{more.message}</Text>
          <Text className="points-page__more--action" onClick={onMore}>
            重试
          </Text>
        </View>
      )
    case 'end':
      return <Text className="points-page__more">没有更多记录了</Text>
  }
}

const PointsPage = () => {
  const { state, retry, loadMore } = usePointsHistory()
  return (
    <View className="points-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载积分明细" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="积分明细暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <View className="points-page__summary">
            <Text className="points-page__label">当前积分</Text>
            <Text className="points-page__balance">{formatPoints(state.points)}</Text>
            {state.expiring && <Text className="points-page__expiry">{expiryWording(state.expiring)}</Text>}
            <Text className="points-page__rule">{expiryRuleWording(state.program)}</Text>
          </View>

          {state.entries.length === 0 ? (
            <View className="points-page__empty">
              <Text className="points-page__empty-title">还没有积分记录</Text>
              <Text className="points-page__empty-text">在门店结账时出示会员码，消费即可累积积分</Text>
            </View>
          ) : (
            <>
              {groupByMonth(state.entries).map((month) => (
                <View key={month.key} className="points-page__month">
                  <Text className="points-page__month-title">{month.title}</Text>
                  <View className="points-page__list">
                    {month.entries.map((entry) => (
                      <HistoryEntry key={entry.id} entry={entry} />
                    ))}
                  </View>
                </View>
              ))}
              <MoreFooter more={state.more} onMore={loadMore} />
            </>
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default PointsPage
