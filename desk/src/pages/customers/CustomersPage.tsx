/**
 * 顾客: the phone's 今日与本月 for every store or one (ops.today) — this month's birthdays, VIPs about to lapse, the
 * two win-back lists and callbacks due — a tab each with its count, as a table with whose customer each is and the
 * list's own facts; each tab exports exactly its rows as .xlsx, and a row opens the member's page.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { Button, Select, Tabs, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { CustomerView, TodayView } from '../../../../src/api/contract'
import { monthText } from '../../../../src/wording/workbench'
import { call, DeskError } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { ExportButton } from '../../lists/ExportButton'
import { useXlsxExport } from '../../lists/useXlsxExport'
import { ListTable } from '../../lists/ListTable'
import { useCursorList } from '../../lists/useCursorList'
import { deskDay, tierName } from '../../wording'
import {
  FACT_HEADERS,
  fetchSection,
  pageOf,
  sectionExportColumns,
  sectionFileName,
  tabLabel,
  todaySections,
  type NoSort,
  type TodayKey,
  type TodaySection,
} from './todayTables'
import './customers.css'

type TodayState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; today: TodayView; storeId: string | undefined }

const ALL = 'all'

const columnsOf = (section: TodaySection): PrimaryTableCol<CustomerView>[] => [
  { colKey: 'name', title: '姓名', width: 88 },
  { colKey: 'memberNo', title: '会员号', width: 124 },
  {
    colKey: 'tier',
    title: '等级',
    width: 96,
    cell: ({ row }) => (
      <Tag theme={row.tier === 'member' ? 'default' : 'warning'} variant="light">
        {tierName(row.tier)}
      </Tag>
    ),
  },
  { colKey: 'mobileMasked', title: '手机号', width: 120 },
  { colKey: 'store', title: '门店', ellipsis: true, cell: ({ row }) => row.store?.name ?? '未关联门店' },
  { colKey: 'assistant', title: '导购', width: 80, cell: ({ row }) => row.assistant?.name ?? '未分配' },
  { colKey: 'fact', title: FACT_HEADERS[section.key], width: 280, ellipsis: true, cell: ({ row }) => section.line(row) },
]

/** One list: its table and pager over the rows in hand (remounted when the answer changes). */
const SectionTable = ({ section }: { section: TodaySection }) => {
  const navigate = useNavigate()
  const rows = section.customers
  const fetchPage = useMemo(() => fetchSection(rows), [rows])
  const list = useCursorList<Record<string, never>, NoSort, CustomerView>(fetchPage, {
    filter: {},
    sort: { by: 'listed', order: 'asc' },
    limit: 20,
  })
  return (
    <ListTable
      list={list}
      rowKey="memberNo"
      columns={columnsOf(section)}
      defaultSort={{ by: 'listed', order: 'asc' }}
      unit="位顾客"
      empty={section.empty}
      onRowClick={(row) => navigate(`/members/${row.memberNo}`)}
    />
  )
}

export default function CustomersPage() {
  const stores = useStores()
  const [storeId, setStoreId] = useState<string | undefined>(undefined)
  const [today, setToday] = useState<TodayState>({ status: 'loading' })
  const [tab, setTab] = useState<TodayKey>('birthdays')
  const xlsx = useXlsxExport()
  // A store picked while the lists load: only the answer for the store picked last is shown.
  const latest = useRef(0)

  const load = useCallback(async (id: string | undefined) => {
    const ticket = ++latest.current
    setToday({ status: 'loading' })
    try {
      const answer = await call('ops', 'today', id ? { storeId: id } : {})
      if (ticket === latest.current) setToday({ status: 'ready', today: answer, storeId: id })
    } catch (e) {
      if (ticket === latest.current) setToday({ status: 'failed', message: e instanceof DeskError ? e.message : '加载失败，请重试' })
    }
  }, [])
  useEffect(() => void load(storeId), [load, storeId])

  const nameOf = (id: string | undefined) => (id ? (stores.find((s) => s.id === id)?.name ?? id) : '全部门店')
  const sections = today.status === 'ready' ? todaySections(today.today) : []
  const current = sections.find((s) => s.key === tab)

  const runExport = (section: TodaySection, ready: Extract<TodayState, { status: 'ready' }>) =>
    xlsx.run(
      {
        fileName: sectionFileName(section, ready.today.month, nameOf(ready.storeId)),
        columns: sectionExportColumns(section),
        fetchPage: (cursor, limit) => Promise.resolve(pageOf(section.customers, cursor, limit)),
      },
      (count) => `已导出 ${count} 位顾客`,
    )

  return (
    <section className="page customers">
      <div className="page__head">
        <h2 className="page__title">顾客</h2>
        <div className="customers__tools">
          <Select
            className="customers__store"
            value={storeId ?? ALL}
            options={[{ value: ALL, label: '全部门店' }, ...stores.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(v) => setStoreId(v === ALL ? undefined : (v as string))}
          />
          <ExportButton
            xlsx={xlsx}
            total={current ? current.customers.length : null}
            disabled={!current || today.status !== 'ready'}
            onClick={() => current && today.status === 'ready' && void runExport(current, today)}
          />
        </div>
      </div>
      {today.status === 'ready' && (
        <p className="page__lead">{`${monthText(today.today.month)} · ${nameOf(today.storeId)} · 截至 ${deskDay(today.today.serverTime)}`}</p>
      )}
      {today.status === 'loading' && <p className="page__lead">正在加载今日名单…</p>}
      {today.status === 'failed' && (
        <p className="page__error">
          {`今日名单暂时打不开：${today.message} `}
          <Button variant="text" theme="primary" onClick={() => void load(storeId)}>
            重新加载
          </Button>
        </p>
      )}
      {today.status === 'ready' && (
        <Tabs value={tab} onChange={(v) => setTab(v)}>
          {sections.map((section) => (
            <Tabs.TabPanel key={section.key} value={section.key} label={tabLabel(section)}>
              <div className="tab-body">
                <p className="customers__hint">{section.hint}</p>
                <SectionTable key={`${today.storeId ?? ALL}-${today.today.serverTime}`} section={section} />
              </div>
            </Tabs.TabPanel>
          ))}
        </Tabs>
      )}
    </section>
  )
}
