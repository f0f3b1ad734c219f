/**
 * 活动: every member event, ended and closed too, by phase, store and title, with its seats, waitlist and check-ins;
 * created and edited in a dialog, closed to new RSVPs after a confirmation; a row opens its guest list.
 */
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { Button, MessagePlugin, Select, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { EventRow } from '../../../../src/api/contract'
import { EVENT_PHASES, type EventPhase } from '../../../../src/domain/events'
import { audienceText, EVENT_PHASE_NAMES, eventWhen } from '../../../../src/wording/events'
import { call, DeskError } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { SearchBox } from '../../lists/ListFilters'
import { ListTable } from '../../lists/ListTable'
import { RowActions } from '../../lists/RowActions'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { EventDialog } from './EventDialog'

interface Filter {
  phase?: EventPhase
  storeId?: string
  search?: string
}
type SortKey = 'startsAt' | 'createdAt'

const fetchEvents: Fetch<Filter, SortKey, EventRow> = ({ filter, sort, limit, cursor }) =>
  call('event', 'listEvents', { filter, sort, limit, cursor })

const PHASE_THEME: Record<EventPhase, 'primary' | 'success' | 'warning' | 'default'> = {
  upcoming: 'primary',
  running: 'success',
  closed: 'warning',
  ended: 'default',
}

export const PhaseTag = ({ phase }: { phase: EventPhase }) => (
  <Tag theme={PHASE_THEME[phase]} variant="light">
    {EVENT_PHASE_NAMES[phase]}
  </Tag>
)

export default function EventsPage() {
  const navigate = useNavigate()
  const list = useCursorList<Filter, SortKey, EventRow>(fetchEvents, {
    filter: {},
    sort: { by: 'startsAt', order: 'desc' },
    limit: 20,
  })
  const stores = useStores()
  const [editing, setEditing] = useState<EventRow | 'new' | null>(null)

  const close = async (row: EventRow) => {
    try {
      await call('event', 'close', { eventId: row.id })
      void MessagePlugin.success(`「${row.title}」已停止报名，已确认的会员仍可到场签到`)
      list.reload()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<EventRow>[] = [
    {
      colKey: 'coverUrl',
      title: '封面',
      width: 80,
      cell: ({ row }) =>
        row.coverUrl ? (
          <img className="thumb thumb--wide" src={row.coverUrl} alt={row.title} />
        ) : (
          <span className="thumb thumb--wide thumb--empty">无图</span>
        ),
    },
    {
      colKey: 'title',
      title: '活动 / 门店 · 可报名',
      ellipsis: true,
      cell: ({ row }) => (
        <div className="event-cell">
          <span className="event-cell__title">{row.title}</span>
          <span className="event-cell__sub">{`${row.store?.name ?? '—'} · ${audienceText(row.tiers)}`}</span>
        </div>
      ),
    },
    { colKey: 'startsAt', title: '时间', width: 200, sorter: true, cell: ({ row }) => eventWhen(row) },
    { colKey: 'seats', title: '确认/名额', width: 88, align: 'right', cell: ({ row }) => `${row.seatsTaken} / ${row.capacity}` },
    { colKey: 'waiting', title: '候补', width: 52, align: 'right' },
    { colKey: 'checkedIn', title: '签到', width: 52, align: 'right' },
    { colKey: 'phase', title: '状态', width: 92, cell: ({ row }) => <PhaseTag phase={row.phase} /> },
    {
      colKey: 'operation',
      title: '操作',
      width: 204,
      cell: ({ row }) => (
        <RowActions
          extra={[{ label: '名单', onClick: () => navigate(`/events/${row.id}`) }]}
          onEdit={row.phase !== 'ended' ? () => setEditing(row) : undefined}
          toggle={{
            // Only an event still taking RSVPs can stop taking them; nothing brings a closed one back.
            active: row.phase === 'upcoming' || row.phase === 'running',
            off: {
              label: '停止报名',
              confirm: {
                header: `停止「${row.title}」的报名？`,
                body: '会员将不能再报名或候补，已确认的会员仍可到场签到。',
                button: '停止报名',
              },
              run: () => close(row),
            },
          }}
        />
      ),
    },
  ]

  return (
    <section className="page">
      <div className="page__head">
        <h2 className="page__title">活动</h2>
        <Button theme="primary" onClick={() => setEditing('new')}>
          新建活动
        </Button>
      </div>
      <div className="filters" role="search">
        <SearchBox list={list} placeholder="活动名称" />
        <Select
          placeholder="全部状态"
          clearable
          value={list.query.filter.phase}
          options={EVENT_PHASES.map((p) => ({ value: p, label: EVENT_PHASE_NAMES[p] }))}
          onChange={(v) => list.setFilter({ ...list.query.filter, phase: (v as EventPhase) || undefined })}
        />
        <Select
          placeholder="全部门店"
          clearable
          value={list.query.filter.storeId}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v) => list.setFilter({ ...list.query.filter, storeId: (v as string) || undefined })}
        />
      </div>
      <ListTable
        list={list}
        rowKey="id"
        columns={columns}
        defaultSort={{ by: 'startsAt', order: 'desc' }}
        unit="场活动"
        empty="没有符合条件的活动"
        onRowClick={(row) => navigate(`/events/${row.id}`)}
      />
      {editing && (
        <EventDialog
          event={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
    </section>
  )
}
