/** 登录设备: the operator's desk sessions (the last 30 days), with the one in use marked; any other can be ended here. */
import { useCallback, useEffect, useState } from 'react'
import { Button, MessagePlugin, Popconfirm, Table, Tag, type PrimaryTableCol } from 'tdesign-react'
import type { DeskSessionView } from '../../../../src/api/contract'
import { call, DeskError } from '../../cloud'
import { deskTime } from '../../wording'

const STATE_WORDS: Record<DeskSessionView['state'], { text: string; theme: 'success' | 'default' | 'warning' }> = {
  active: { text: '登录中', theme: 'success' },
  ended: { text: '已过期', theme: 'default' },
  revoked: { text: '已退出', theme: 'warning' },
}

export default function SessionsPage() {
  const [rows, setRows] = useState<DeskSessionView[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    try {
      setRows((await call('desk', 'sessions', {})).sessions)
      setError(null)
    } catch (e) {
      setError(e instanceof DeskError ? e.message : '加载失败')
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => void load(), [load])

  const revoke = async (session: DeskSessionView) => {
    try {
      await call('desk', 'revokeSession', { sessionId: session.id })
      void MessagePlugin.success('已让该电脑退出登录')
      await load()
    } catch (e) {
      void MessagePlugin.error(e instanceof DeskError ? e.message : '操作失败')
    }
  }

  const columns: PrimaryTableCol<DeskSessionView>[] = [
    { colKey: 'browser', title: '浏览器', cell: ({ row }) => (row.current ? `${row.browser}（本机）` : row.browser) },
    { colKey: 'ip', title: 'IP 地址', width: 160 },
    { colKey: 'createdAt', title: '登录时间', width: 180, cell: ({ row }) => deskTime(row.createdAt) },
    { colKey: 'expiresAt', title: '有效期至', width: 180, cell: ({ row }) => deskTime(row.expiresAt) },
    {
      colKey: 'state',
      title: '状态',
      width: 100,
      cell: ({ row }) => (
        <Tag theme={STATE_WORDS[row.state].theme} variant="light">
          {STATE_WORDS[row.state].text}
        </Tag>
      ),
    },
    {
      colKey: 'operation',
      title: '操作',
      width: 120,
      cell: ({ row }) =>
        row.state === 'active' && !row.current ? (
          <Popconfirm content="让这台电脑立即退出登录？" onConfirm={() => void revoke(row)}>
            <Button variant="text" theme="danger">
              退出登录
            </Button>
          </Popconfirm>
        ) : null,
    },
  ]

  return (
    <section className="page">
      <h2 className="page__title">登录设备</h2>
      <p className="page__lead">最近 30 天用小程序扫码登录运营后台的电脑。每次登录 8 小时内有效。</p>
      {error && <p className="page__error">{error}</p>}
      <Table rowKey="id" data={rows} columns={columns} loading={loading} empty="最近 30 天没有登录记录" bordered />
    </section>
  )
}
