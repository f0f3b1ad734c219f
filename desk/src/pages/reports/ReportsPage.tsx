/**
 * 报表: the phone's 数据看板 and 客户分层 at PC size. A period (本月, 上月, the last 7/30/90 days, chosen days or months)
 * and a store (all, or one) ask ops.dashboard; ops.segments gives the classes, RFM and top lists (the brand's, as of
 * the nightly run). Every chart has its numbers in a table beside it, and every table exports as .xlsx exactly the
 * rows it shows.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Button, DateRangePicker, Select, Table, Tabs, type PrimaryTableCol, type TableRowData } from 'tdesign-react'
import type { DashboardView, SegmentsView, StoreView } from '../../../../src/api/contract'
import { TOP_LIST_MEASURES, TOP_LIST_NAMES, type TopListName } from '../../../../src/domain/audience'
import { businessDate } from '../../../../src/domain/time'
import { assistantsChart, couponsChart, eventsChart, salesChart, tiersChart } from '../../../../src/ops/dashboard/charts'
import { compactYuan, computedText, heatOf } from '../../../../src/insights/segmentsWords'
import { call, DeskError } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { exportAndSay, shownRows } from '../../lists/useXlsxExport'
import { ChartCanvas } from './ChartCanvas'
import { classesChart, newMembersDailyChart, salesDailyChart, storeSalesChart } from './charts'
import { PERIOD_KINDS, PERIOD_WORDS, periodText, resolvePeriod, type Period, type PeriodKind } from './period'
import {
  ASSISTANT_COLUMNS,
  CLASS_COLUMNS,
  classRows,
  COUPON_COLUMNS,
  couponTableRows,
  DAY_COLUMNS,
  dayRows,
  EVENT_COLUMNS,
  eventTableRows,
  kpis,
  RFM_COLUMNS,
  rfmRows,
  storeColumns,
  storeRows,
  TIER_COLUMNS,
  TIER_SALES_COLUMNS,
  tierRows,
  tierSalesRows,
  TOP_COLUMNS,
  topRows,
  type ReportColumn,
} from './reportsData'
import './reports.css'

type Loaded =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; brand: DashboardView; store: DashboardView | null }

const messageOf = (e: unknown) => (e instanceof DeskError ? e.message : '加载失败，请重试')

/** Writes exactly `rows` as the table shows them. */
const exportShown = <R,>(fileName: string, columns: ReportColumn<R>[], rows: R[]) =>
  exportAndSay({ fileName, columns, fetchPage: shownRows(rows) }, (count) => `已导出 ${count} 行`)

/** A report table: its columns are its export's, shown with their screen words. */
const ReportTable = <R extends TableRowData>({
  columns,
  rows,
  rowKey,
  empty,
  maxHeight,
}: {
  columns: ReportColumn<R>[]
  rows: R[]
  rowKey: string
  empty: string
  maxHeight?: number
}) => {
  const cols: PrimaryTableCol<R>[] = columns.map((c, i) => ({
    colKey: `c${i}`,
    title: c.header,
    cell: ({ row }) => (c.text ? c.text(row) : String(c.value(row) ?? '—')),
  }))
  return <Table rowKey={rowKey} data={rows} columns={cols} size="small" empty={empty} maxHeight={maxHeight} tableLayout="auto" />
}

const Panel = ({
  title,
  note,
  onExport,
  wide,
  children,
}: {
  title: string
  note?: string
  onExport?: () => void
  wide?: boolean
  children: ReactNode
}) => (
  <section className={`report-panel${wide ? ' report-panel--wide' : ''}`} aria-label={title}>
    <div className="report-panel__head">
      <h3 className="report-panel__title">{title}</h3>
      {onExport && (
        <Button size="small" variant="outline" onClick={onExport}>
          导出 Excel
        </Button>
      )}
    </div>
    {children}
    {note && <p className="report-panel__note">{note}</p>}
  </section>
)

const TOP_LISTS: TopListName[] = ['loyal', 'main', 'big']

const Segments = ({ view, fileTag }: { view: SegmentsView; fileTag: string }) => {
  const [list, setList] = useState<TopListName>('loyal')
  const classes = useMemo(() => classRows(view), [view])
  const rfm = useMemo(() => rfmRows(view), [view])
  const tops = useMemo(() => topRows(view.top[list]), [view, list])
  const chart = useCallback(() => classesChart(classes), [classes])
  const fullest = Math.max(0, ...view.rfm.map((c) => c.members))
  const computed = computedText(view)
  return (
    <>
      <h3 className="reports__section">{`客户分层（全品牌）${computed ? ` · ${computed}` : ''}`}</h3>
      {computed ? (
        <div className="reports__grid">
          <Panel title="A/B/C/D 客户类别" onExport={() => void exportShown(`客户类别-${fileTag}.xlsx`, CLASS_COLUMNS, classes)}>
            <ChartCanvas label="各类别会员人数" chart={chart} height={200} />
            <ReportTable columns={CLASS_COLUMNS} rows={classes} rowKey="name" empty="暂无会员" />
          </Panel>
          <Panel
            title="RFM 分布"
            note="R 最近消费（5 为最近），F 消费次数（5 为最多）；格内为会员人数和人均累计消费，颜色越深人数越多。"
            onExport={() => void exportShown(`RFM分布-${fileTag}.xlsx`, RFM_COLUMNS, rfm)}
          >
            <table className="rfm-grid">
              <thead>
                <tr>
                  <th>R \ F</th>
                  {[1, 2, 3, 4, 5].map((f) => (
                    <th key={f}>{`F${f}`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rfm.map((row) => (
                  <tr key={row.recency}>
                    <th>{row.recency}</th>
                    {row.cells.map((c, i) => (
                      <td key={i} className={`rfm-grid__cell rfm-grid__cell--h${heatOf(c.members, fullest)}`}>
                        <strong>{c.members}</strong>
                        {c.members > 0 && <span>{compactYuan(c.avgSpendFen)}</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
        </div>
      ) : (
        <p className="page__lead">A/B/C/D 类别与 RFM 分布每晚计算一次，首次计算完成后在此显示。下方重点客户名单实时更新。</p>
      )}
      <Panel
        wide
        title="重点客户"
        note={`${TOP_LIST_NAMES[list]}：${TOP_LIST_MEASURES[list]}的会员（实时，前 ${view.top[list].length} 名）`}
        onExport={() => void exportShown(`${TOP_LIST_NAMES[list]}-${fileTag}.xlsx`, TOP_COLUMNS, tops)}
      >
        <Tabs value={list} onChange={(v) => setList(v)} list={TOP_LISTS.map((l) => ({ value: l, label: TOP_LIST_NAMES[l] }))} />
        <ReportTable columns={TOP_COLUMNS} rows={tops} rowKey="memberNo" empty="暂无会员消费记录" />
      </Panel>
    </>
  )
}

interface FiguresProps {
  brand: DashboardView
  store: DashboardView | null
  storeName: string | null
  stores: StoreView[]
  fileTag: string
}

const Figures = ({ brand, store, storeName, stores, fileTag }: FiguresProps) => {
  const view = store ?? brand
  const days = useMemo(() => dayRows(view), [view])
  const tiers = useMemo(() => tierRows(view), [view])
  const tierSales = useMemo(() => tierSalesRows(view), [view])
  const coupons = useMemo(() => couponTableRows(view), [view])
  const events = useMemo(() => eventTableRows(view), [view])
  const charts = useMemo(
    () => ({
      joins: () => newMembersDailyChart(days),
      sales: () => salesDailyChart(days),
      tiers: () => tiersChart(view),
      tierSales: () => salesChart(view),
      assistants: () => assistantsChart(view),
      coupons: () => couponsChart(view),
      events: () => eventsChart(view),
    }),
    [days, view],
  )
  const scope = storeName ?? '全品牌'
  return (
    <>
      <div className="kpis">
        {kpis(view, storeName).map((k) => (
          <div key={k.label} className="kpi" aria-label={k.label}>
            <span className="kpi__label">{k.label}</span>
            <strong className="kpi__value">{k.value}</strong>
            <span className="kpi__note">{k.note}</span>
          </div>
        ))}
      </div>

      <h3 className="reports__section">{`新会员与销售（${scope}）`}</h3>
      <div className="reports__grid">
        <Panel title="每日新会员" onExport={() => void exportShown(`每日数据-${fileTag}.xlsx`, DAY_COLUMNS, days)}>
          <ChartCanvas label="每日新会员人数" chart={charts.joins} />
        </Panel>
        <Panel
          title="每日会员销售额"
          note="实付金额减退款"
          onExport={() => void exportShown(`每日数据-${fileTag}.xlsx`, DAY_COLUMNS, days)}
        >
          {view.sales.daily.length > 0 ? (
            <ChartCanvas label="每日会员销售额" chart={charts.sales} />
          ) : (
            <p className="report-panel__empty">所选期间早于按门店保存每日销售额，只显示期间合计（见上方卡片与门店对比）。</p>
          )}
        </Panel>
        <Panel wide title="每日明细">
          <ReportTable columns={DAY_COLUMNS} rows={days} rowKey="date" empty="期间没有数据" maxHeight={240} />
        </Panel>
      </div>

      <h3 className="reports__section">会员等级</h3>
      <div className="reports__grid">
        <Panel title="各等级会员人数（全品牌，日终）" onExport={() => void exportShown(`会员等级-${fileTag}.xlsx`, TIER_COLUMNS, tiers)}>
          {tiers.length > 1 && <ChartCanvas label="各等级会员人数变化" chart={charts.tiers} />}
          <ReportTable columns={TIER_COLUMNS} rows={tiers} rowKey="date" empty="暂无每日统计" maxHeight={200} />
        </Panel>
        <Panel
          title={`会员销售额按等级（${scope}）`}
          note="按消费后的会员等级计"
          onExport={() => void exportShown(`等级销售额-${fileTag}.xlsx`, TIER_SALES_COLUMNS, tierSales)}
        >
          {view.sales.totalFen > 0 && <ChartCanvas label="会员销售额按等级占比" chart={charts.tierSales} height={200} />}
          <ReportTable columns={TIER_SALES_COLUMNS} rows={tierSales} rowKey="tier" empty="期间没有销售" />
        </Panel>
      </div>

      <StoreComparison brand={brand} stores={stores} fileTag={fileTag} />

      <div className="reports__grid">
        <Panel
          title={`导购邀请新会员（${scope}）`}
          onExport={() => void exportShown(`导购邀请-${fileTag}.xlsx`, ASSISTANT_COLUMNS, view.newMembers.byAssistant)}
        >
          {view.newMembers.byAssistant.length > 0 && (
            <ChartCanvas
              label="各导购邀请的新会员人数"
              chart={charts.assistants}
              height={Math.min(360, 60 + 36 * view.newMembers.byAssistant.length)}
            />
          )}
          <ReportTable columns={ASSISTANT_COLUMNS} rows={view.newMembers.byAssistant} rowKey="staffId" empty="期间没有经导购加入的新会员" />
        </Panel>
        <Panel
          title="券核销率（全品牌）"
          note="期间发出的券中已使用的比例"
          onExport={() => void exportShown(`券核销-${fileTag}.xlsx`, COUPON_COLUMNS, coupons)}
        >
          {coupons.length > 0 && (
            <ChartCanvas label="各券模板核销率" chart={charts.coupons} height={Math.min(360, 60 + 36 * coupons.length)} />
          )}
          <ReportTable columns={COUPON_COLUMNS} rows={coupons} rowKey="templateId" empty="期间没有发券" />
        </Panel>
        <Panel wide title="活动到场（全品牌）" onExport={() => void exportShown(`活动到场-${fileTag}.xlsx`, EVENT_COLUMNS, events)}>
          {events.length > 0 && <ChartCanvas label="各活动确认与签到人数" chart={charts.events} height={220} />}
          <ReportTable columns={EVENT_COLUMNS} rows={events} rowKey="id" empty="期间没有活动" />
        </Panel>
      </div>
    </>
  )
}

/** Every store in the period from the brand's answer, the picked one marked. */
const StoreComparison = ({ brand, stores, fileTag }: { brand: DashboardView; stores: StoreView[]; fileTag: string }) => {
  const rows = useMemo(() => storeRows(brand, stores), [brand, stores])
  const columns = useMemo(() => storeColumns(rows), [rows])
  const chart = useCallback(() => storeSalesChart(rows), [rows])
  return (
    <div className="reports__grid">
      <Panel
        wide
        title="门店对比"
        note="各门店期间新会员与会员销售额（实付减退款），与所选门店无关，始终列出全部门店"
        onExport={() => void exportShown(`门店对比-${fileTag}.xlsx`, columns, rows)}
      >
        <div className="store-compare">
          <ReportTable columns={columns} rows={rows} rowKey="storeId" empty="暂无门店" />
          {rows.some((r) => r.salesFen !== 0) && (
            <ChartCanvas label="各门店会员销售额" chart={chart} height={Math.min(300, 60 + 40 * rows.length)} />
          )}
        </div>
      </Panel>
    </div>
  )
}

export default function ReportsPage() {
  const today = businessDate(new Date().toISOString())
  const [period, setPeriod] = useState<Period>({ kind: 'last30' })
  const [storeId, setStoreId] = useState<string | undefined>()
  const stores = useStores()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [segments, setSegments] = useState<SegmentsView | { failed: string } | null>(null)
  const latest = useRef(0)
  const resolved = resolvePeriod(period, today)
  const problem = 'problem' in resolved ? resolved.problem : null
  const inputKey = 'problem' in resolved ? null : JSON.stringify(resolved.input)

  useEffect(() => {
    call('ops', 'segments', {})
      .then(setSegments)
      .catch((e: unknown) => setSegments({ failed: messageOf(e) }))
  }, [])

  const load = useCallback(async () => {
    if (!inputKey) return
    const input = JSON.parse(inputKey) as Parameters<typeof call<'ops', 'dashboard'>>[2]
    const mine = ++latest.current
    setLoaded({ status: 'loading' })
    try {
      const [brand, store] = await Promise.all([
        call('ops', 'dashboard', input),
        storeId ? call('ops', 'dashboard', { ...input, storeId }) : Promise.resolve(null),
      ])
      if (mine === latest.current) setLoaded({ status: 'ready', brand, store })
    } catch (e) {
      if (mine === latest.current) setLoaded({ status: 'failed', message: messageOf(e) })
    }
  }, [inputKey, storeId])
  useEffect(() => void load(), [load])

  const storeName = storeId ? (stores.find((s) => s.id === storeId)?.name ?? storeId) : null
  const fileTag = 'problem' in resolved ? '' : `${storeName ?? '全部门店'}-${resolved.from}至${resolved.to}`
  const pickKind = (kind: PeriodKind) => setPeriod({ kind })

  return (
    <section className="page reports">
      <div className="page__head">
        <h2 className="page__title">报表</h2>
        {!problem && 'from' in resolved && (
          <span className="reports__range">{`${periodText(resolved)}${resolved.to === today ? '（今天为实时数据）' : ''}`}</span>
        )}
      </div>
      <div className="filters" role="search">
        <Select
          className="reports__period"
          value={period.kind}
          options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_WORDS[k] }))}
          onChange={(v) => pickKind(v as PeriodKind)}
        />
        {period.kind === 'days' && (
          <DateRangePicker
            placeholder={['开始日期', '结束日期']}
            allowInput
            defaultValue={period.range ?? []}
            valueType="YYYY-MM-DD"
            disableDate={{ after: today }}
            onChange={(v) => {
              const [from, to] = (v as string[]) ?? []
              setPeriod({ kind: 'days', range: from && to ? [from, to] : undefined })
            }}
          />
        )}
        {period.kind === 'months' && (
          <DateRangePicker
            mode="month"
            placeholder={['开始月份', '结束月份']}
            allowInput
            defaultValue={period.range ?? []}
            valueType="YYYY-MM"
            format="YYYY-MM"
            onChange={(v) => {
              const [from, to] = (v as string[]) ?? []
              setPeriod({ kind: 'months', range: from && to ? [from, to] : undefined })
            }}
          />
        )}
        <Select
          className="reports__store"
          placeholder="全部门店"
          clearable
          value={storeId}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => setStoreId((v as string) || undefined)}
        />
      </div>
      {problem && <p className="page__error">{problem}</p>}
      {!problem && loaded.status === 'loading' && <p className="page__lead">正在加载数据…</p>}
      {!problem && loaded.status === 'failed' && (
        <p className="page__error">
          {loaded.message}{' '}
          <Button variant="text" theme="primary" onClick={() => void load()}>
            重新加载
          </Button>
        </p>
      )}
      {!problem && loaded.status === 'ready' && (
        <Figures brand={loaded.brand} store={loaded.store} storeName={storeName} stores={stores} fileTag={fileTag} />
      )}
      {segments && 'failed' in segments && <p className="page__error">{`客户分层：${segments.failed}`}</p>}
      {segments && !('failed' in segments) && <Segments view={segments} fileTag={fileTag || today} />}
    </section>
  )
}
