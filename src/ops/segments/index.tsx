import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { SegmentsView, TopList } from '../../api/contract'
import { StatusScreen } from '../../components/StatusScreen'
import { TOP_LIST_MEASURES, TOP_LIST_NAMES } from '../../domain/audience'
import { formatYuan } from '../../domain/money'
import { TIER_NAMES } from '../../domain/program'
import { ROUTES } from '../../routes'
import { campaignUrlFor } from '../../campaigns/audiencePreset'
import { Choice } from '../shared/Choice'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { compactYuan, computedText, heatOf, shareText, topFigures } from '../../insights/segmentsWords'
import { TOP_COUNTS, useSegments, type TopCount } from './useSegments'
import './index.scss'

type Page = ReturnType<typeof useSegments>

const LISTS: TopList[] = ['loyal', 'main', 'big']
const COUNT_WORDS = Object.fromEntries(TOP_COUNTS.map((n) => [String(n), `前 ${n} 名`])) as Record<`${TopCount}`, string>

/** A, B, C, D with members, spend and the rule; picked ones become a campaign's audience. */
const Classes = ({ view, page }: { view: SegmentsView; page: Page }) => (
  <View className="ops-page__panel">
    <Text className="ops-page__step">客户类别</Text>
    {view.classes.map((c) => {
      const on = page.classes.includes(c.name)
      return (
        <View key={c.name} className={`segment-class${on ? ' segment-class--on' : ''}`} onClick={() => page.toggleClass(c.name)}>
          <Text className={`segment-class__badge segment-class__badge--${c.name}`}>{c.name}</Text>
          <View className="segment-class__body">
            <Text className="segment-class__figures">{`${c.members} 人 · ${shareText(c.members, view.members)} · 累计消费 ${formatYuan(c.spendFen)}`}</Text>
            <Text className="segment-class__rule">{c.rule}</Text>
          </View>
          <Text className="segment-class__check">{on ? '已选' : '选择'}</Text>
        </View>
      )
    })}
    <Button
      className={`btn btn--primary ops-page__action${page.classes.length ? '' : ' btn--disabled'}`}
      disabled={page.classes.length === 0}
      onClick={() => void Taro.navigateTo({ url: campaignUrlFor({ kind: 'classes', classes: page.classes }) })}
    >
      {page.classes.length ? `给 ${page.classes.join('、')} 类客户发券` : '选择类别后可给这批客户发券'}
    </Button>
  </View>
)

const R_ROWS = [5, 4, 3, 2, 1]
const F_COLUMNS = [1, 2, 3, 4, 5]

/** Recency × frequency: 25 cells of members (and their average spend), darker where more members are. */
const RfmTable = ({ view }: { view: SegmentsView }) => {
  const fullest = Math.max(0, ...view.rfm.map((c) => c.members))
  const cell = (r: number, f: number) => view.rfm.find((c) => c.r === r && c.f === f) ?? { r, f, members: 0, avgSpendFen: 0 }
  return (
    <View className="ops-page__panel">
      <Text className="ops-page__step">RFM 分布</Text>
      <View className="rfm">
        <View className="rfm__row">
          <Text className="rfm__corner">R \ F</Text>
          {F_COLUMNS.map((f) => (
            <Text key={f} className="rfm__head">{`F${f}`}</Text>
          ))}
        </View>
        {R_ROWS.map((r) => (
          <View key={r} className="rfm__row">
            <Text className="rfm__side">{`R${r}`}</Text>
            {F_COLUMNS.map((f) => {
              const c = cell(r, f)
              return (
                <View key={f} className={`rfm__cell rfm__cell--h${heatOf(c.members, fullest)}`} data-r={r} data-f={f}>
                  <Text className="rfm__members">{c.members}</Text>
                  {c.members > 0 && <Text className="rfm__spend">{compactYuan(c.avgSpendFen)}</Text>}
                </View>
              )
            })}
          </View>
        ))}
      </View>
      <Text className="ops-page__note">
        R 最近消费（5 为最近），F 消费次数（5 为最多）；格内为会员人数和人均累计消费，颜色越深人数越多。
      </Text>
    </View>
  )
}

/** 忠实户 / 主力户 / 大户, live; the first N can be a campaign's audience. */
const TopLists = ({ view, page }: { view: SegmentsView; page: Page }) => {
  const customers = view.top[page.list]
  return (
    <View className="ops-page__panel">
      <Text className="ops-page__step">重点客户</Text>
      <Choice options={LISTS} words={TOP_LIST_NAMES} on={(l) => l === page.list} pick={page.showList} />
      <Text className="segment-top__measure">{`${TOP_LIST_NAMES[page.list]}：${TOP_LIST_MEASURES[page.list]}的会员（实时）`}</Text>
      {customers.length === 0 ? (
        <Text className="ops-page__empty">暂无会员消费记录</Text>
      ) : (
        customers.map((c, i) => (
          <View key={c.memberNo} className="segment-top">
            <Text className="segment-top__rank">{i + 1}</Text>
            <View className="segment-top__body">
              <View className="segment-top__who">
                <Text className="segment-top__name">{c.name}</Text>
                <Text className="segment-top__no">{c.memberNo}</Text>
              </View>
              <Text className="segment-top__line">{`${TIER_NAMES[c.tier]} · ${c.storeName}`}</Text>
              <Text className="segment-top__figures">{topFigures(c)}</Text>
            </View>
          </View>
        ))
      )}
      <Text className="ops-form__label">发券人数</Text>
      <Choice
        options={TOP_COUNTS.map(String) as `${TopCount}`[]}
        words={COUNT_WORDS}
        on={(n) => Number(n) === page.count}
        pick={(n) => page.setCount(Number(n) as TopCount)}
      />
      <Button
        className="btn btn--primary ops-page__action"
        onClick={() => void Taro.navigateTo({ url: campaignUrlFor({ kind: 'top', list: page.list, count: page.count }) })}
      >
        给这批客户发券
      </Button>
      <Text className="ops-page__note">{`创建活动时按当时的排名取${TOP_LIST_NAMES[page.list]}前 ${page.count} 名，之后名单不再变动。`}</Text>
    </View>
  )
}

/** Who the customers are: classes and RFM as of the last nightly run, and the live top lists. */
const OpsSegmentsPage = () => {
  const page = useSegments()
  const { loaded } = page
  return (
    <OpsDesk title="客户分层">
      {() => (
        <>
          <OpsNav current={ROUTES.opsSegments} />
          {loaded.status === 'loading' && <StatusScreen mark="…" title="正在加载客户分层" />}
          {loaded.status === 'failed' && (
            <StatusScreen mark="!" title="客户分层暂时打不开" message={loaded.message}>
              <Button className="btn btn--primary" onClick={page.retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {loaded.status === 'ready' &&
            (computedText(loaded.view) ? (
              <>
                <View className="ops-page__panel segments-head">
                  <Text className="segments-head__total">{`${loaded.view.members} 位会员`}</Text>
                  <Text className="segments-head__when">{computedText(loaded.view)}</Text>
                </View>
                <Classes view={loaded.view} page={page} />
                <RfmTable view={loaded.view} />
                <TopLists view={loaded.view} page={page} />
              </>
            ) : (
              <>
                <View className="ops-page__panel segments-empty">
                  <Text className="segments-empty__title">客户分层尚未计算</Text>
                  <Text className="segments-empty__text">
                    A/B/C/D 类别与 RFM 分布每晚计算一次，首次计算完成后在此显示。下方的忠实户、主力户、大户名单实时更新，现在即可使用。
                  </Text>
                </View>
                <TopLists view={loaded.view} page={page} />
              </>
            ))}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsSegmentsPage
