/**
 * The operators' dashboard: members by tier over time, new members by store and by assistant, member sales
 * by tier, coupon redemption per template and event attendance, over 7, 30 or 90 days. Every chart's
 * numbers are printed under it as text (readable without the picture, and what the tests read).
 *
 * Charts: AntV F2 4 (@antv/f2 4.0.51), drawn on the mini-program's canvas 2d and on H5's canvas from the
 * same chart code. Chosen over F2 5 and ECharts by size, measured as minified bundles of the pieces used
 * here: F2 4 177 KB (58 KB gzip), F2 5.14 495 KB (147 KB), ECharts 5 with line/bar/pie, grid, legend and
 * the canvas renderer 514 KB (173 KB); echarts-for-weixin ships the whole of ECharts (about 1 MB) as a
 * native component. Measured with `npm run build:weapp` (2026-11-23): F2 is bundled into this page alone,
 * dist/ops/dashboard/index.js 183.6 KB with the page; the ops subpackage 284.5 KB (WeChat's limit: 2 MB);
 * the main package 461.8 KB (budget 500 KB, `npx tsx bench/sizes.ts`), with no F2 code in it.
 */
import { Button, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import type { DashboardView } from '../../api/contract'
import { StatusScreen } from '../../components/StatusScreen'
import { formatYuan } from '../../domain/money'
import { ROUTES } from '../../routes'
import { Choice } from '../shared/Choice'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { assistantsChart, couponsChart, eventsChart, salesChart, storesChart, tiersChart } from './charts'
import { couponRows, eventLines, newMembersTotal, PERIOD_WORDS, PERIODS, salesSlices, tierChanges } from '../../insights/dashboardData'
import { F2Chart } from './F2Chart'
import { useDashboard } from './useDashboard'
import './index.scss'

const Figures = ({ lines, empty }: { lines: string[]; empty: string }) =>
  lines.length === 0 ? (
    <Text className="ops-page__empty">{empty}</Text>
  ) : (
    <View className="dash-figures">
      {lines.map((line, i) => (
        <Text key={i} className="dash-figures__line">
          {line}
        </Text>
      ))}
    </View>
  )

const Panels = ({ view }: { view: DashboardView }) => {
  // One chart function per answer: a new answer draws again, a re-render does not.
  const charts = useMemo(
    () => ({
      tiers: () => tiersChart(view),
      stores: () => storesChart(view),
      assistants: () => assistantsChart(view),
      sales: () => salesChart(view),
      coupons: () => couponsChart(view),
      events: () => eventsChart(view),
    }),
    [view],
  )
  const joined = newMembersTotal(view)
  return (
    <>
      <View className="ops-page__panel">
        <Text className="ops-page__step">会员等级</Text>
        {view.tiers.length > 1 && <F2Chart id="dash-tiers" className="dash-chart" label="各等级会员人数变化" chart={charts.tiers} />}
        <Figures lines={tierChanges(view).map((t) => t.text)} empty="暂无每日统计" />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">新会员</Text>
        <Text className="dash-total">{`${joined} 人`}</Text>
        <Text className="dash-sub">按门店</Text>
        {view.newMembers.byStore.length > 0 && (
          <F2Chart
            id="dash-stores"
            className={`dash-chart dash-chart--rows-${Math.min(view.newMembers.byStore.length, 6)}`}
            label="各门店新会员人数"
            chart={charts.stores}
          />
        )}
        <Figures lines={view.newMembers.byStore.map((s) => `${s.name}：${s.count} 人`)} empty="期间没有新会员" />
        <Text className="dash-sub">按导购</Text>
        {view.newMembers.byAssistant.length > 0 && (
          <F2Chart
            id="dash-assistants"
            className={`dash-chart dash-chart--rows-${Math.min(view.newMembers.byAssistant.length, 6)}`}
            label="各导购邀请的新会员人数"
            chart={charts.assistants}
          />
        )}
        <Figures
          lines={view.newMembers.byAssistant.map((a) => `${a.name}${a.storeName ? `（${a.storeName}）` : ''}：${a.count} 人`)}
          empty="期间没有经导购加入的新会员"
        />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">会员销售额</Text>
        <Text className="dash-total">{formatYuan(view.sales.totalFen)}</Text>
        {view.sales.totalFen > 0 && (
          <F2Chart id="dash-sales" className="dash-chart dash-chart--donut" label="会员销售额按等级占比" chart={charts.sales} />
        )}
        <Figures lines={salesSlices(view).map((s) => s.text)} empty="" />
        <Text className="ops-page__note">实付金额减退款，按消费后的会员等级计</Text>
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">券核销率</Text>
        {view.coupons.length > 0 && (
          <F2Chart
            id="dash-coupons"
            className={`dash-chart dash-chart--rows-${Math.min(view.coupons.length, 6)}`}
            label="各券模板核销率"
            chart={charts.coupons}
          />
        )}
        <Figures lines={couponRows(view).map((c) => c.text)} empty="期间没有发券" />
        <Text className="ops-page__note">期间发出的券中已使用的比例</Text>
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">活动到场</Text>
        {view.events.length > 0 && <F2Chart id="dash-events" className="dash-chart" label="各活动确认与签到人数" chart={charts.events} />}
        <Figures lines={eventLines(view)} empty="期间没有活动" />
      </View>
    </>
  )
}

const OpsDashboardPage = () => {
  const page = useDashboard()
  const { loaded } = page
  return (
    <OpsDesk title="数据看板">
      {() => (
        <>
          <OpsNav current={ROUTES.opsDashboard} />
          <Choice options={PERIODS} words={PERIOD_WORDS} on={(p) => p === page.period} pick={page.choose} />
          {loaded.status === 'ready' && <Text className="dash-range">{`${loaded.view.from} 至 ${loaded.view.to}（今天为实时数据）`}</Text>}
          {loaded.status === 'loading' && <StatusScreen mark="…" title="正在加载数据" />}
          {loaded.status === 'failed' && (
            <StatusScreen mark="!" title="数据暂时打不开" message={loaded.message}>
              <Button className="btn btn--primary" onClick={page.retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {loaded.status === 'ready' && <Panels view={loaded.view} />}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsDashboardPage
