/**
 * 消息发送: the subscribe messages the functions sent in a business month, per kind, as they counted each send's
 * outcome (ops.messageFigures): sent to WeChat, delivered, refused (no consent left on WeChat's side, 43101),
 * failed, not sent for want of a consent, and members reached. Exported to .xlsx exactly as shown.
 */
import { useEffect, useState } from 'react'
import { DatePicker, Table, type PrimaryTableCol } from 'tdesign-react'
import { call, DeskError } from '../../cloud'
import type { ExportColumn } from '../../lists/exportXlsx'
import { ExportButton } from '../../lists/ExportButton'
import { shownRows, useXlsxExport } from '../../lists/useXlsxExport'
import { businessMonth, messageRows } from './marketingRows'

type Row = ReturnType<typeof messageRows>[number]

const COLUMNS: (ExportColumn<Row> & { key: keyof Row; width: number; hint?: string })[] = [
  { key: 'name', header: '消息类型', width: 150, value: (r) => r.name },
  { key: 'sent', header: '发送', width: 80, value: (r) => r.sent },
  { key: 'delivered', header: '送达', width: 80, value: (r) => r.delivered },
  { key: 'deliveredRate', header: '送达率', width: 90, value: (r) => r.deliveredRate },
  { key: 'refused', header: '用户拒收', width: 96, value: (r) => r.refused },
  { key: 'failed', header: '发送失败', width: 96, value: (r) => r.failed },
  { key: 'noConsent', header: '未订阅未发', width: 104, value: (r) => r.noConsent },
  { key: 'reachedText', header: '触达会员', width: 96, value: (r) => (r.key === 'total' ? '—' : r.reached) },
]

const TABLE_COLUMNS: PrimaryTableCol<Row>[] = COLUMNS.map((c) => ({
  colKey: c.key,
  title: c.header,
  width: c.key === 'name' ? undefined : c.width,
  align: c.key === 'name' ? 'left' : 'right',
}))

export const MessagesTab = () => {
  const [month, setMonth] = useState(() => businessMonth(new Date().toISOString()))
  const [rows, setRows] = useState<Row[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const xlsx = useXlsxExport()

  useEffect(() => {
    let current = true
    setRows(null)
    setError(null)
    call('ops', 'messageFigures', { month })
      .then(({ kinds }) => current && setRows(messageRows(kinds)))
      .catch((e: unknown) => current && setError(e instanceof DeskError ? e.message : '加载失败，请重试'))
    return () => {
      current = false
    }
  }, [month])

  const runExport = async () => {
    if (!rows) return
    await xlsx.run(
      { fileName: `消息发送-${month}.xlsx`, columns: COLUMNS, fetchPage: shownRows(rows) },
      () => `已导出 ${month} 的消息发送数据`,
    )
  }

  return (
    <>
      <div className="filters filters--with-action" role="search">
        <DatePicker
          mode="month"
          value={month}
          valueType="YYYY-MM"
          format="YYYY年M月"
          allowInput={false}
          clearable={false}
          disableDate={{ after: new Date().toISOString() }}
          onChange={(v) => v && setMonth(String(v))}
        />
        <span className="filters__action">
          <ExportButton xlsx={xlsx} total={null} disabled={!rows} onClick={() => void runExport()} />
        </span>
      </div>
      {error && <p className="page__error">{error}</p>}
      <Table
        rowKey="key"
        data={rows ?? []}
        columns={TABLE_COLUMNS}
        loading={rows === null && !error}
        rowClassName={({ row }) => (row.key === 'total' ? 'table__row--total' : '')}
        tableLayout="fixed"
        size="small"
        empty="暂无数据"
      />
      <p className="dialog__note">
        发送 = 送达 + 用户拒收 + 发送失败。用户拒收为微信返回
        43101（会员在微信中的订阅次数已用完）；未订阅未发为会员没有剩余订阅次数或已在「我的资料」关闭该类消息，未发送。触达会员为当月至少送达一条该类消息的会员数（跨类型不相加）。月份按北京时间。
      </p>
    </>
  )
}
