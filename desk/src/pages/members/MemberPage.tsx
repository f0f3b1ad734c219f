/**
 * A member's page: who they are, their card, and everything that happened to them — points ledger, purchases,
 * coupons, events, callbacks, changes to the record — with the operator's corrections (points, birthday, store).
 */
import { useCallback, useEffect, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { Button, Descriptions, Loading, Space, Table, Tabs, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { AuditEntry, MemberPageView, MemberPurchaseRow, TillCouponView } from '../../../../src/api/contract'
import { OUTCOME_NAMES } from '../../../../src/wording/workbench'
import { progressWording } from '../../../../src/wording/tiers'
import { call, DeskError } from '../../cloud'
import { birthdayText, className, deskDay, deskTime, tierName, yuan } from '../../wording'
import { AdjustPointsDialog, CorrectBirthdayDialog, MoveStoreDialog } from './MemberDialogs'

type Dialog = 'points' | 'birthday' | 'store' | null

const COUPON_STATUS: Record<TillCouponView['status'], string> = {
  available: '可用',
  used: '已使用',
  expired: '已过期',
  notYetValid: '未生效',
}
const RSVP_STATUS = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消' } as const

/** A list on the page that pages on by cursor ("加载更多"). */
const useMore = <R,>(
  first: { rows: R[]; nextCursor: string | null } | null,
  more: (cursor: string) => Promise<{ rows: R[]; nextCursor: string | null }>,
) => {
  const [rows, setRows] = useState<R[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  useEffect(() => {
    setRows(first?.rows ?? [])
    setCursor(first?.nextCursor ?? null)
  }, [first])
  const loadMore = async () => {
    if (!cursor) return
    setLoading(true)
    try {
      const page = await more(cursor)
      setRows((r) => [...r, ...page.rows])
      setCursor(page.nextCursor)
    } finally {
      setLoading(false)
    }
  }
  return { rows, hasMore: cursor !== null, loading, loadMore: () => void loadMore() }
}

const More = ({ list }: { list: { hasMore: boolean; loading: boolean; loadMore: () => void } }) =>
  list.hasMore ? (
    <Button className="more" variant="text" loading={list.loading} onClick={list.loadMore}>
      加载更多
    </Button>
  ) : null

const LEDGER_COLUMNS: PrimaryTableCol<AuditEntry>[] = [
  { colKey: 'at', title: '时间', width: 170, cell: ({ row }) => deskTime(row.at) },
  { colKey: 'reason', title: '事项', cell: ({ row }) => (row.detail ? `${row.reason}（${row.detail}）` : row.reason) },
  {
    colKey: 'points',
    title: '积分',
    width: 90,
    align: 'right',
    cell: ({ row }) => (row.points > 0 ? `+${row.points}` : String(row.points)),
  },
  { colKey: 'balanceAfter', title: '余额', width: 90, align: 'right' },
  { colKey: 'actor', title: '经办', width: 200, ellipsis: true },
]

const PURCHASE_COLUMNS: PrimaryTableCol<MemberPurchaseRow>[] = [
  { colKey: 'at', title: '时间', width: 170, cell: ({ row }) => deskTime(row.at) },
  { colKey: 'orderNo', title: '订单号', width: 150 },
  { colKey: 'store', title: '门店', ellipsis: true, cell: ({ row }) => row.store?.name ?? '—' },
  { colKey: 'amountFen', title: '实付', width: 100, align: 'right', cell: ({ row }) => yuan(row.amountFen) },
  {
    colKey: 'coupon',
    title: '优惠券',
    width: 160,
    ellipsis: true,
    cell: ({ row }) => (row.coupon ? `${row.coupon.title} -${yuan(row.coupon.discountFen)}` : '—'),
  },
  { colKey: 'pointsEarned', title: '积分', width: 80, align: 'right' },
  { colKey: 'refundedFen', title: '已退', width: 100, align: 'right', cell: ({ row }) => (row.refundedFen ? yuan(row.refundedFen) : '—') },
  { colKey: 'recordedBy', title: '收银', width: 140, ellipsis: true },
]

const COUPON_COLUMNS: PrimaryTableCol<TillCouponView>[] = [
  { colKey: 'title', title: '优惠券', ellipsis: true },
  { colKey: 'benefitText', title: '优惠', width: 160 },
  { colKey: 'validUntil', title: '有效期', width: 220, cell: ({ row }) => `${deskDay(row.validFrom)} 至 ${deskDay(row.validUntil)}` },
  { colKey: 'status', title: '状态', width: 90, cell: ({ row }) => COUPON_STATUS[row.status] },
  { colKey: 'usedAt', title: '使用时间', width: 170, cell: ({ row }) => (row.usedAt ? deskTime(row.usedAt) : '—') },
]

export default function MemberPage() {
  const { code = '' } = useParams()
  const [view, setView] = useState<MemberPageView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [ledger, setLedger] = useState<{ rows: AuditEntry[]; nextCursor: string | null } | null>(null)

  const load = useCallback(async () => {
    try {
      const [page, firstLedger] = await Promise.all([call('ops', 'member', { code }), call('ops', 'memberLedger', { code })])
      setView(page)
      setLedger({ rows: firstLedger.entries, nextCursor: firstLedger.nextCursor })
      setError(null)
    } catch (e) {
      setError(e instanceof DeskError ? e.message : '加载失败，请重试')
    }
  }, [code])
  useEffect(() => void load(), [load])

  const ledgerMore = useMore(ledger, async (cursor) => {
    const page = await call('ops', 'memberLedger', { code, cursor })
    return { rows: page.entries, nextCursor: page.nextCursor }
  })
  const purchases = useMore(view?.purchases ?? null, (cursor) => call('ops', 'memberPurchases', { code, cursor }))
  const coupons = useMore(view?.coupons ?? null, (cursor) => call('ops', 'memberCoupons', { code, cursor }))

  if (error)
    return (
      <section className="page">
        <p className="page__error">{error}</p>
        <Link to="/members">返回会员列表</Link>
      </section>
    )
  if (!view) return <Loading className="shell__loading" text="正在加载会员…" />
  const { member, card } = view
  const progress = progressWording(card.progress)
  const closeAnd = (reload: boolean) => () => {
    setDialog(null)
    if (reload) void load()
  }

  return (
    <section className="page member">
      <div className="page__head">
        <div>
          <Link className="member__back" to="/members">
            ‹ 会员
          </Link>
          <h2 className="page__title">
            {member.name}
            <Tag className="member__tier" theme={card.tier === 'member' ? 'default' : 'warning'} variant="light">
              {tierName(card.tier)}
            </Tag>
          </h2>
          <span className="member__no">{`会员号 ${member.memberNo}`}</span>
        </div>
        <Space>
          <Button onClick={() => setDialog('points')}>调整积分</Button>
          <Button variant="outline" onClick={() => setDialog('birthday')}>
            更正生日
          </Button>
          <Button variant="outline" onClick={() => setDialog('store')}>
            调整门店
          </Button>
        </Space>
      </div>
      <Descriptions
        bordered
        column={3}
        items={[
          { label: '手机号', content: `${member.mobileMasked}${member.mobileUnconfirmed ? '（未验证）' : ''}` },
          { label: '生日', content: birthdayText(member.birthday) },
          { label: '客户类别', content: className(member.customerClass) },
          { label: '门店', content: member.store?.name ?? '未分配' },
          { label: '导购', content: member.assistant ? `${member.assistant.name}（${member.assistant.staffId}）` : '未分配' },
          { label: '入会时间', content: deskTime(member.joinedAt) },
          { label: '积分', content: `${card.pointsBalance}${card.pointsShortfall ? `（待扣回 ${card.pointsShortfall}）` : ''}` },
          {
            label: '积分到期',
            content: card.pointBatches.length ? card.pointBatches.map((b) => `${deskDay(b.expiresAt)} 到期 ${b.points}`).join('；') : '—',
          },
          { label: '累计消费', content: `${yuan(card.lifetimeSpendFen)}（${member.purchaseCount} 笔）` },
          { label: 'VIP 有效期至', content: card.vipUntil ? deskDay(card.vipUntil) : '—' },
          { label: '本 VIP 年消费', content: card.vipYearEnd ? yuan(card.vipYearSpendFen) : '—' },
          { label: '升级进度', content: progress.detail ? `${progress.headline}；${progress.detail}` : progress.headline },
          { label: '最近到店', content: deskTime(member.lastVisitAt) },
          { label: '上次回访', content: member.lastCallbackAt ? deskTime(member.lastCallbackAt) : '—' },
          { label: '下次回访', content: member.nextCallbackAt ? deskDay(member.nextCallbackAt) : '—' },
        ]}
      />
      <Tabs className="member__tabs" defaultValue="ledger">
        <Tabs.TabPanel value="ledger" label="积分流水">
          <Table rowKey="id" data={ledgerMore.rows} columns={LEDGER_COLUMNS} empty="暂无积分记录" />
          <More list={ledgerMore} />
        </Tabs.TabPanel>
        <Tabs.TabPanel value="purchases" label={`消费记录（${member.purchaseCount}）`}>
          <Table rowKey="id" data={purchases.rows} columns={PURCHASE_COLUMNS} empty="暂无消费记录" />
          <More list={purchases} />
        </Tabs.TabPanel>
        <Tabs.TabPanel value="coupons" label={`优惠券（${view.coupons.total}）`}>
          <Table rowKey="id" data={coupons.rows} columns={COUPON_COLUMNS} empty="暂无优惠券" />
          <More list={coupons} />
        </Tabs.TabPanel>
        <Tabs.TabPanel value="events" label={`活动（${view.events.length}）`}>
          <Table
            rowKey="eventId"
            data={view.events}
            empty="没有报名过活动"
            columns={[
              { colKey: 'title', title: '活动' },
              { colKey: 'startsAt', title: '时间', width: 170, cell: ({ row }) => deskTime(row.startsAt) },
              { colKey: 'store', title: '门店', width: 200, cell: ({ row }) => row.store?.name ?? '—' },
              { colKey: 'status', title: '报名', width: 100, cell: ({ row }) => RSVP_STATUS[row.status] },
              {
                colKey: 'checkedInAt',
                title: '签到',
                width: 170,
                cell: ({ row }) => (row.checkedInAt ? deskTime(row.checkedInAt) : '未签到'),
              },
            ]}
          />
        </Tabs.TabPanel>
        <Tabs.TabPanel value="callbacks" label={`回访（${view.callbacks.length}）`}>
          <Table
            rowKey="at"
            data={view.callbacks}
            empty="暂无回访记录"
            columns={[
              { colKey: 'at', title: '时间', width: 170, cell: ({ row }) => deskTime(row.at) },
              { colKey: 'staffName', title: '导购', width: 120 },
              { colKey: 'outcome', title: '结果', width: 120, cell: ({ row }) => OUTCOME_NAMES[row.outcome] },
              { colKey: 'note', title: '记录' },
              { colKey: 'nextAt', title: '下次回访', width: 130, cell: ({ row }) => (row.nextAt ? deskDay(row.nextAt) : '—') },
            ]}
          />
        </Tabs.TabPanel>
        <Tabs.TabPanel value="changes" label="变更记录">
          <Table
            rowKey="at"
            data={view.changes}
            empty="资料没有被更改过"
            columns={[
              { colKey: 'at', title: '时间', width: 170, cell: ({ row }) => deskTime(row.at) },
              { colKey: 'actor', title: '经办', width: 240 },
              { colKey: 'summary', title: '变更' },
              { colKey: 'reason', title: '原因', width: 220, cell: ({ row }) => row.reason ?? '—' },
            ]}
          />
        </Tabs.TabPanel>
      </Tabs>
      {dialog === 'points' && <AdjustPointsDialog member={member} onClose={closeAnd(false)} onDone={closeAnd(true)} />}
      {dialog === 'birthday' && <CorrectBirthdayDialog member={member} onClose={closeAnd(false)} onDone={closeAnd(true)} />}
      {dialog === 'store' && <MoveStoreDialog member={member} onClose={closeAnd(false)} onDone={closeAnd(true)} />}
    </section>
  )
}
