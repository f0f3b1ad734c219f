import { Button, Text, View } from '@tarojs/components'
import type { StaffView } from '../../api/contract'
import { StatusScreen } from '../../components/StatusScreen'
import { monthText } from '../../wording/workbench'
import { StaffDesk } from '../shared/StaffDesk'
import { useCallbackStats } from './useCallbackStats'
import '../../components/Workbench/workbench.scss'
import './index.scss'

/** "回访统计": callbacks and customers reached per assistant in a month. Store managers only (the server checks too). */
const CallbackStatsPage = () => (
  <StaffDesk>
    {(staff) =>
      staff.role === 'manager' ? (
        <Stats staff={staff} />
      ) : (
        <StatusScreen
          mark="限"
          title="仅限店长查看"
          message="回访统计供店长了解每位导购的回访情况。您的回访记录在「今日与本月」和顾客详情中。"
        />
      )
    }
  </StaffDesk>
)

const Stats = ({ staff }: { staff: StaffView }) => {
  const page = useCallbackStats(staff.role === 'manager')
  const { state } = page
  const rows = state.status === 'ready' ? state.stats.byAssistant : []
  const total = rows.reduce((sum, r) => sum + r.callbacks, 0)
  return (
    <View className="desk__panel">
      <View className="month-switch">
        <Text className="month-switch__arrow" onClick={page.back}>
          ‹ 上月
        </Text>
        <Text className="month-switch__month">{page.month ? monthText(page.month) : ''}</Text>
        <Text className={`month-switch__arrow${page.canGoForward ? '' : ' month-switch__arrow--off'}`} onClick={page.forward}>
          下月 ›
        </Text>
      </View>
      {state.status === 'loading' && <Text className="wb-section__empty">正在加载…</Text>}
      {state.status === 'failed' && (
        <>
          <Text className="form-error">{state.message}</Text>
          <Button className="btn btn--secondary desk__action" onClick={page.retry}>
            重新加载
          </Button>
        </>
      )}
      {state.status === 'ready' && (
        <>
          <Text className="stats-total">
            {total === 0 ? `${monthText(state.stats.month)}还没有回访记录` : `${monthText(state.stats.month)}共回访 ${total} 次`}
          </Text>
          <View className="stats-table">
            <View className="stats-table__row stats-table__row--head">
              <Text className="stats-table__who">导购</Text>
              <Text className="stats-table__figure">回访次数</Text>
              <Text className="stats-table__figure">联系顾客</Text>
            </View>
            {rows.map((r) => (
              <View key={r.staffId} className="stats-table__row">
                <Text className="stats-table__who">{r.name}</Text>
                <Text className="stats-table__figure">{`${r.callbacks} 次`}</Text>
                <Text className="stats-table__figure">{`${r.customers} 位`}</Text>
              </View>
            ))}
          </View>
          <Text className="desk__note">联系顾客：本月回访过的不同顾客人数（同一位顾客回访多次只算一位）。</Text>
        </>
      )}
    </View>
  )
}

export default CallbackStatsPage
