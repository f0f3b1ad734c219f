/**
 * An event's 报名名单: every RSVP (confirmed, waitlisted, cancelled) with the member, their seats, when they RSVP'd and
 * when they were checked in at the door; the counts; a filter by status and check-in; the export of exactly what is
 * filtered as .xlsx.
 */
import { useCallback } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { Button, Select, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { EventGuestCounts, EventGuestRow, EventRow } from '../../../../src/api/contract'
import { RSVP_STATUSES, type RsvpStatus } from '../../../../src/domain/events'
import { eventWhen, RSVP_STATUS_NAMES } from '../../../../src/wording/events'
import { call } from '../../cloud'
import type { ExportColumn } from '../../lists/exportXlsx'
import { ExportButton } from '../../lists/ExportButton'
import { useXlsxExport } from '../../lists/useXlsxExport'
import { ListTable } from '../../lists/ListTable'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { deskDay, deskPastTime, tierName } from '../../wording'
import { PhaseTag } from './EventsPage'

interface Filter {
  status?: RsvpStatus
  checkedIn?: boolean
}
type SortKey = 'createdAt' | 'checkedInAt'
/** The page as `event.eventGuests` answers it: the rows, and the event with its counts. */
type GuestsPage = { event: EventRow; counts: EventGuestCounts }

const STATUS_THEME: Record<RsvpStatus, 'success' | 'warning' | 'default'> = {
  confirmed: 'success',
  waitlisted: 'warning',
  cancelled: 'default',
}

const statusText = (row: EventGuestRow) =>
  row.status === 'waitlisted' && row.waitNo !== null ? `${RSVP_STATUS_NAMES.waitlisted} #${row.waitNo}` : RSVP_STATUS_NAMES[row.status]
const orDash = (at: string | null) => (at ? deskPastTime(at) : '—')

const COLUMNS: PrimaryTableCol<EventGuestRow>[] = [
  { colKey: 'name', title: '姓名', width: 110, ellipsis: true },
  { colKey: 'memberNo', title: '会员号', width: 130, cell: ({ row }) => row.memberNo || '已注销' },
  { colKey: 'tier', title: '等级', width: 90, cell: ({ row }) => (row.tier ? tierName(row.tier) : '—') },
  { colKey: 'mobileMasked', title: '手机', width: 130, cell: ({ row }) => row.mobileMasked || '—' },
  { colKey: 'seats', title: '人数', width: 64, align: 'right' },
  {
    colKey: 'status',
    title: '状态',
    width: 100,
    cell: ({ row }) => (
      <Tag theme={STATUS_THEME[row.status]} variant="light">
        {statusText(row)}
      </Tag>
    ),
  },
  { colKey: 'createdAt', title: '报名时间', sorter: true, cell: ({ row }) => deskPastTime(row.rsvpAt) },
  { colKey: 'checkedInAt', title: '签到时间', sorter: true, cell: ({ row }) => orDash(row.checkedInAt) },
]

const EXPORT_COLUMNS: ExportColumn<EventGuestRow>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '会员号', width: 16, value: (r) => r.memberNo || '已注销' },
  { header: '等级', value: (r) => (r.tier ? tierName(r.tier) : '') },
  { header: '手机', width: 16, value: (r) => r.mobileMasked },
  { header: '人数', width: 8, value: (r) => r.seats },
  { header: '状态', value: (r) => statusText(r) },
  { header: '报名时间', width: 18, value: (r) => deskPastTime(r.rsvpAt) },
  { header: '确认时间', width: 18, value: (r) => (r.confirmedAt ? deskPastTime(r.confirmedAt) : '') },
  { header: '取消时间', width: 18, value: (r) => (r.cancelledAt ? deskPastTime(r.cancelledAt) : '') },
  { header: '签到时间', width: 18, value: (r) => (r.checkedInAt ? deskPastTime(r.checkedInAt) : '') },
]

const CHECKED_IN_OPTIONS = [
  { value: 'yes', label: '已签到' },
  { value: 'no', label: '未签到' },
]

export default function EventGuestsPage() {
  const { eventId = '' } = useParams()
  const navigate = useNavigate()
  const fetchGuests: Fetch<Filter, SortKey, EventGuestRow> = useCallback(
    ({ filter, sort, limit, cursor }) => call('event', 'eventGuests', { eventId, filter, sort, limit, cursor }),
    [eventId],
  )
  const list = useCursorList<Filter, SortKey, EventGuestRow>(fetchGuests, {
    filter: {},
    sort: { by: 'createdAt', order: 'asc' },
    limit: 50,
  })
  const answer = list.page as (typeof list.page & GuestsPage) | null
  const event = answer?.event
  const counts = answer?.counts
  const xlsx = useXlsxExport()

  const runExport = async () => {
    if (!event) return
    await xlsx.run(
      {
        fileName: `活动报名-${event.title}-${deskDay(new Date().toISOString())}.xlsx`,
        columns: EXPORT_COLUMNS,
        fetchPage: (cursor, limit) =>
          call('event', 'eventGuests', { eventId, filter: list.query.filter, sort: list.query.sort, limit, cursor }),
      },
      (count) => `已导出 ${count} 条报名`,
    )
  }

  return (
    <section className="page">
      <Button variant="text" className="page__back" onClick={() => navigate('/events')}>
        ← 返回活动列表
      </Button>
      <div className="page__head">
        <h2 className="page__title">{event ? `报名名单：${event.title}` : '报名名单'}</h2>
        <ExportButton xlsx={xlsx} total={list.page?.total ?? 0} onClick={() => void runExport()} />
      </div>
      {event && (
        <div className="event-summary">
          <PhaseTag phase={event.phase} />
          <span>{eventWhen(event)}</span>
          <span>{event.store?.name ?? '—'}</span>
          <span>{`名额 ${event.capacity} 人：已确认 ${event.seatsTaken} 人 · 候补 ${event.waiting} 人 · 已签到 ${event.checkedIn} 人（含同伴）`}</span>
        </div>
      )}
      {counts && (
        <p className="page__lead">{`报名 ${counts.confirmed + counts.waitlisted + counts.cancelled} 条：已确认 ${counts.confirmed} · 候补 ${counts.waitlisted} · 已取消 ${counts.cancelled} · 已签到 ${counts.checkedIn}`}</p>
      )}
      <div className="filters" role="search">
        <Select
          placeholder="全部状态"
          clearable
          value={list.query.filter.status}
          options={RSVP_STATUSES.map((s) => ({ value: s, label: RSVP_STATUS_NAMES[s] }))}
          onChange={(v) => list.setFilter({ ...list.query.filter, status: (v as RsvpStatus) || undefined })}
        />
        <Select
          placeholder="签到与否"
          clearable
          value={list.query.filter.checkedIn === undefined ? undefined : list.query.filter.checkedIn ? 'yes' : 'no'}
          options={CHECKED_IN_OPTIONS}
          onChange={(v) => list.setFilter({ ...list.query.filter, checkedIn: v ? v === 'yes' : undefined })}
        />
      </div>
      <ListTable
        list={list}
        rowKey="id"
        columns={COLUMNS}
        defaultSort={{ by: 'createdAt', order: 'asc' }}
        unit="条报名"
        empty="没有符合条件的报名"
      />
    </section>
  )
}
