/** Under a desk table: how many rows match, which page this is, the page size, and the way back and on. */
import { Button, Select, Space } from 'tdesign-react'

interface PagedList {
  page: { total: number } | null
  pageIndex: number
  query: { limit: number }
  hasNext: boolean
  hasPrevious: boolean
  next: () => void
  previous: () => void
  setLimit: (limit: number) => void
}

export const Pager = ({ list, unit }: { list: PagedList; unit: string }) => {
  const total = list.page?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / list.query.limit))
  return (
    <div className="pager">
      <span className="pager__count">{`共 ${total} ${unit} · 第 ${list.pageIndex + 1} / ${pages} 页`}</span>
      <Space>
        <Select
          className="pager__size"
          value={list.query.limit}
          options={[20, 50, 100].map((n) => ({ value: n, label: `每页 ${n} 条` }))}
          onChange={(v) => list.setLimit(v as number)}
        />
        <Button variant="outline" disabled={!list.hasPrevious} onClick={list.previous}>
          上一页
        </Button>
        <Button variant="outline" disabled={!list.hasNext} onClick={list.next}>
          下一页
        </Button>
      </Space>
    </div>
  )
}
