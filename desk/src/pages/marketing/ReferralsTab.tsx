/**
 * 邀请奖励审核: referrals by state (held for review first, with why they were held), paged by cursor past any number
 * (ops.listReferrals). A held one is approved (the inviter is paid, or will be at the friend's first purchase) or
 * rejected after a confirmation, as on the phone, one or several at a time. No request id: the server reviews a
 * referral only while it is held, so a second click (or a bulk run over one another operator reviewed) cannot pay twice.
 */
import { Button, DialogPlugin, MessagePlugin, Select, Space, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { ReferralView } from '../../../../src/api/contract'
import { formatMemberNo } from '../../../../src/domain/memberNo'
import { REFERRAL_STATUS_WORDS, REFERRAL_TABS, REFERRAL_TAB_WORDS, type ReferralStatus } from '../../../../src/wording/referral'
import { call, DeskError } from '../../cloud'
import { BulkBar } from '../../lists/BulkBar'
import { ListTable } from '../../lists/ListTable'
import { useBulkAction } from '../../lists/useBulkAction'
import { useRowSelection } from '../../lists/useRowSelection'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { deskPastTime } from '../../wording'

interface Filter {
  status?: ReferralStatus
}
type Row = ReferralView & { key: string }

const fetchReferrals: Fetch<Filter, 'joinedAt', Row> = async ({ filter, sort, limit, cursor }) => {
  const page = await call('ops', 'listReferrals', { filter, sort, limit, cursor })
  // A friend who left has no member number: the row is keyed by when they joined instead.
  return { ...page, rows: page.rows.map((r, i) => ({ ...r, key: r.invitee.memberNo || `left-${r.joinedAt}-${i}` })) }
}

/** Only a held referral of a friend still a member can be reviewed. */
const reviewable = (r: Row) => r.status === 'held' && r.invitee.memberNo !== ''

const person = (p: ReferralView['invitee']) => (
  <>
    <div>{p.name}</div>
    <div className="cell__minor">{formatMemberNo(p.memberNo)}</div>
  </>
)

export const ReferralsTab = () => {
  const list = useCursorList<Filter, 'joinedAt', Row>(fetchReferrals, {
    filter: { status: 'held' },
    sort: { by: 'joinedAt', order: 'desc' },
    limit: 20,
  })
  const selection = useRowSelection(list, 'key')
  const bulk = useBulkAction({
    nameOf: (r: Row) => `${r.invitee.name}（${formatMemberNo(r.invitee.memberNo)}）`,
    selection,
    reload: list.reload,
  })
  const reviewEach = (decision: 'approve' | 'reject') => (r: Row) =>
    call('ops', 'reviewReferral', { inviteeCode: r.invitee.memberNo, decision })

  const review = (r: Row, decision: 'approve' | 'reject') => {
    const confirmed = async () => {
      try {
        const { referral } = await call('ops', 'reviewReferral', { inviteeCode: r.invitee.memberNo, decision })
        void MessagePlugin.success(
          `${decision === 'approve' ? '已通过' : '已驳回'}：${referral.invitee.name}（${REFERRAL_STATUS_WORDS[referral.status]}）`,
        )
      } catch (e) {
        void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
      } finally {
        ask.destroy()
        // Reviewed here or by another operator first: the list shows how it stands now.
        list.reload()
      }
    }
    const ask = DialogPlugin.confirm({
      header: decision === 'approve' ? '通过这笔邀请奖励？' : '驳回这笔邀请奖励？',
      body:
        decision === 'approve'
          ? `通过后，${r.inviter.name} 将按规则获得邀请奖励（好友尚未消费的，在好友首次消费后发放）。`
          : `驳回后，${r.inviter.name} 不会因邀请 ${r.invitee.name} 获得奖励，且不能撤销。`,
      confirmBtn: { content: decision === 'approve' ? '确认通过' : '确认驳回', theme: decision === 'approve' ? 'primary' : 'danger' },
      onConfirm: () => void confirmed(),
      onClose: () => ask.destroy(),
    })
  }

  const columns: PrimaryTableCol<Row>[] = [
    { colKey: 'invitee', title: '好友', width: 140, cell: ({ row }) => person(row.invitee) },
    { colKey: 'inviter', title: '邀请人', width: 140, cell: ({ row }) => person(row.inviter) },
    { colKey: 'joinedAt', title: '加入时间', width: 150, sorter: true, cell: ({ row }) => deskPastTime(row.joinedAt) },
    {
      colKey: 'status',
      title: '状态',
      width: 110,
      cell: ({ row }) => (
        <Tag theme={row.status === 'held' ? 'warning' : row.status === 'rejected' ? 'danger' : 'default'} variant="light">
          {REFERRAL_STATUS_WORDS[row.status]}
        </Tag>
      ),
    },
    {
      colKey: 'flags',
      title: '暂扣原因',
      cell: ({ row }) => (row.flags.length ? row.flags.map((f) => <div key={f}>{f}</div>) : '—'),
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 124,
      cell: ({ row }) =>
        row.status === 'held' ? (
          <Space size={4}>
            <Button variant="text" theme="primary" onClick={() => review(row, 'approve')}>
              通过
            </Button>
            <Button variant="text" theme="danger" onClick={() => review(row, 'reject')}>
              驳回
            </Button>
          </Space>
        ) : (
          '—'
        ),
    },
  ]

  return (
    <>
      <div className="filters" role="search">
        <Select
          value={list.query.filter.status ?? 'held'}
          options={REFERRAL_TABS.map((s) => ({ value: s, label: REFERRAL_TAB_WORDS[s] }))}
          onChange={(v) => list.setFilter({ status: v as ReferralStatus })}
        />
      </div>
      <BulkBar
        selection={selection}
        bulk={bulk}
        buttons={[
          {
            label: '通过',
            rows: selection.rows.filter(reviewable),
            onClick: (rows) =>
              bulk.confirmThenRun({
                action: '通过',
                unit: '笔邀请奖励',
                rows,
                body: '通过后，邀请人将按规则获得邀请奖励（好友尚未消费的，在好友首次消费后发放）。',
                each: reviewEach('approve'),
              }),
          },
          {
            label: '驳回',
            danger: true,
            rows: selection.rows.filter(reviewable),
            onClick: (rows) =>
              bulk.confirmThenRun({
                action: '驳回',
                unit: '笔邀请奖励',
                danger: true,
                rows,
                body: '驳回后，邀请人不会因这些邀请获得奖励，且不能撤销。',
                each: reviewEach('reject'),
              }),
          },
        ]}
      />
      <ListTable
        selection={selection}
        list={list}
        rowKey="key"
        columns={columns}
        defaultSort={{ by: 'joinedAt', order: 'desc' }}
        unit="笔邀请"
        empty="没有该状态的邀请"
      />
      <p className="dialog__note">疑似刷单的邀请（短时间大量加入、号段相近、导购自录首单）会暂扣奖励，待运营审核。</p>
    </>
  )
}
