/**
 * 优惠活动: every campaign of the brand (ops.listCampaigns, paged by cursor past any number) with its coupon,
 * audience, window, coupons out against the audience now, and state; created, edited and ended here as on the phone.
 */
import { useEffect, useState } from 'react'
import { Button, MessagePlugin, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { CouponTemplateView } from '../../../../src/api/contract'
import { MODE_WORDS } from '../../../../src/campaigns/campaignForm'
import { call, DeskError } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { SearchBox, StateSelect } from '../../lists/ListFilters'
import { ListTable } from '../../lists/ListTable'
import { RowActions } from '../../lists/RowActions'
import { useCursorList, type Fetch } from '../../lists/useCursorList'
import { EditCampaignDialog, NewCampaignDialog } from './CampaignDialog'
import { CAMPAIGN_STATE_WORDS, campaignRows, windowText, type CampaignFilter, type CampaignRow, type CampaignState } from './marketingRows'

type SortKey = 'createdAt' | 'opensAt'

const STATE_THEME: Record<CampaignState, 'primary' | 'success' | 'warning' | 'default'> = {
  upcoming: 'primary',
  open: 'success',
  issuing: 'warning',
  ended: 'default',
}

const fetchCampaigns: Fetch<CampaignFilter, SortKey, CampaignRow> = async ({ filter, sort, limit, cursor }) => {
  const { serverTime, ...page } = await call('ops', 'listCampaigns', { filter, sort, limit, cursor })
  if (!page.rows.length) return { ...page, rows: [] }
  const { figures } = await call('ops', 'campaignFigures', { campaignIds: page.rows.map((r) => r.id) })
  const byId = new Map(figures.map(({ campaignId, ...f }) => [campaignId, f]))
  return { ...page, rows: campaignRows(page.rows, serverTime).map((r) => ({ ...r, figures: byId.get(r.id) ?? null })) }
}

const vipText = (c: CampaignRow) => (c.mode === 'issue' ? '—' : c.vipEarlyDays > 0 ? `提前 ${c.vipEarlyDays} 天` : '不提前')

export const CampaignsTab = () => {
  const list = useCursorList<CampaignFilter, SortKey, CampaignRow>(fetchCampaigns, {
    filter: { active: true },
    sort: { by: 'createdAt', order: 'desc' },
    limit: 20,
  })
  const [templates, setTemplates] = useState<CouponTemplateView[]>([])
  const stores = useStores()
  const [editing, setEditing] = useState<CampaignRow | 'new' | null>(null)

  useEffect(() => {
    call('ops', 'couponTemplates', {})
      .then(({ templates }) => setTemplates(templates))
      .catch(() => setTemplates([]))
  }, [])

  const close = async (c: CampaignRow) => {
    try {
      const { campaign } = await call('ops', 'closeCampaign', { campaignId: c.id })
      void MessagePlugin.success(`已结束「${campaign.title}」`)
      list.reload()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<CampaignRow>[] = [
    { colKey: 'title', title: '活动名称', ellipsis: true },
    { colKey: 'templateTitle', title: '优惠券', width: 112, ellipsis: true },
    {
      colKey: 'audience',
      title: '活动对象',
      width: 150,
      ellipsis: true,
      cell: ({ row }) => (
        <>
          <div>{row.audience}</div>
          <div className="cell__minor">{MODE_WORDS[row.mode]}</div>
        </>
      ),
    },
    { colKey: 'vipEarlyDays', title: 'VIP提前', width: 80, cell: ({ row }) => vipText(row) },
    {
      colKey: 'opensAt',
      title: '活动时间',
      width: 164,
      sorter: true,
      cell: ({ row }) => {
        const w = windowText(row)
        return (
          <>
            <div>{`${w.opens} 起`}</div>
            <div className="cell__minor">{`${w.lastDay} 止`}</div>
          </>
        )
      },
    },
    {
      colKey: 'figures',
      title: '已发出 / 覆盖人数',
      width: 128,
      align: 'right',
      cell: ({ row }) =>
        row.figures ? (
          <>
            <div>{`${row.figures.coupons} / ${row.figures.audience}`}</div>
            <div className="cell__minor">
              {row.mode === 'issue' ? `已发放 ${row.issued}${row.skipped ? ` · 跳过 ${row.skipped}` : ''}` : '会员领取'}
            </div>
          </>
        ) : (
          '—'
        ),
    },
    {
      colKey: 'state',
      title: '状态',
      width: 80,
      cell: ({ row }) => (
        <Tag theme={STATE_THEME[row.state]} variant="light">
          {CAMPAIGN_STATE_WORDS[row.state]}
        </Tag>
      ),
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 124,
      cell: ({ row }) =>
        row.status === 'closed' ? (
          '—'
        ) : (
          <RowActions
            onEdit={() => setEditing(row)}
            toggle={{
              active: true,
              off: {
                label: '结束',
                confirm: {
                  header: `结束「${row.title}」？`,
                  body:
                    row.mode === 'claim'
                      ? '结束后会员不能再领取；已领取的券在有效期内仍可使用。'
                      : '结束后停止发放；已发出的券在有效期内仍可使用。',
                  button: '确认结束',
                },
                run: () => close(row),
              },
            }}
          />
        ),
    },
  ]

  return (
    <>
      <div className="filters filters--with-action" role="search">
        <SearchBox list={list} placeholder="活动名称或券名称" />
        <StateSelect list={list} on="未结束" off="已结束" />
        <Button theme="primary" className="filters__action" onClick={() => setEditing('new')}>
          新建活动
        </Button>
      </div>
      <ListTable
        list={list}
        rowKey="id"
        columns={columns}
        defaultSort={{ by: 'createdAt', order: 'desc' }}
        unit="个活动"
        empty="没有符合条件的活动"
      />
      <p className="dialog__note">「已发出」为会员已领取或已发放的券数，「覆盖人数」为活动对象当前的会员数。</p>
      {editing === 'new' && (
        <NewCampaignDialog
          templates={templates}
          stores={stores}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
      {editing && editing !== 'new' && (
        <EditCampaignDialog
          campaign={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
    </>
  )
}
