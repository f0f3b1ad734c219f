/**
 * The desk's bulk actions as an operator uses them (testing-library, jsdom, TDesign), over a table of a fake list
 * action: ticking rows shows "已选 N 项" and the bulk buttons; a button asks first, naming the count; the page's
 * single-row action then runs for each row in turn with a count while it runs; the summary says how many were done
 * and lists each failure with its row and the server's words; the list reloads, failed rows stay ticked; a new
 * filter or page drops the ticks. And the row controls: RowActions asks before a state switch, and a cancel does
 * nothing.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ListPage } from '../../src/api/lists'
import { DeskError } from '../../desk/src/deskError'
import { BulkBar } from '../../desk/src/lists/BulkBar'
import { ExportButton } from '../../desk/src/lists/ExportButton'
import { ListTable } from '../../desk/src/lists/ListTable'
import { RowActions } from '../../desk/src/lists/RowActions'
import { bulkSummary, useBulkAction } from '../../desk/src/lists/useBulkAction'
import { useCursorList, type Fetch } from '../../desk/src/lists/useCursorList'
import { useRowSelection } from '../../desk/src/lists/useRowSelection'

interface Row {
  id: string
  title: string
  active: boolean
}
interface Filter {
  search?: string
}

/** A list action over rows held here, paging by offset (enough for the table), counting the calls. */
const fakeServer = (rows: Row[]) => {
  const server = {
    rows,
    calls: 0,
    fetch: (async ({ filter, limit, cursor }) => {
      server.calls++
      const matching = server.rows.filter((r) => !filter.search || r.title.includes(filter.search))
      const start = Number(cursor ?? 0)
      const page: ListPage<Row> = {
        rows: matching.slice(start, start + limit).map((r) => ({ ...r })),
        total: matching.length,
        nextCursor: start + limit < matching.length ? String(start + limit) : null,
      }
      return page
    }) as Fetch<Filter, 'title', Row>,
  }
  return server
}

const Page = ({ server, each }: { server: ReturnType<typeof fakeServer>; each: (row: Row) => Promise<unknown> }) => {
  const list = useCursorList<Filter, 'title', Row>(server.fetch, { filter: {}, sort: { by: 'title', order: 'asc' }, limit: 4 })
  const selection = useRowSelection(list, 'id')
  const bulk = useBulkAction({ nameOf: (r: Row) => `「${r.title}」`, selection, reload: list.reload })
  return (
    <>
      <button onClick={() => list.setFilter({ search: '券' })}>只看券</button>
      <BulkBar
        selection={selection}
        bulk={bulk}
        buttons={[
          {
            label: '停用',
            danger: true,
            rows: selection.rows.filter((r) => r.active),
            onClick: (rows) => bulk.confirmThenRun({ action: '停用', unit: '个券模板', danger: true, rows, each }),
          },
        ]}
      />
      <ListTable
        list={list}
        selection={selection}
        rowKey="id"
        columns={[
          { colKey: 'title', title: '名称' },
          { colKey: 'active', title: '状态', cell: ({ row }) => (row.active ? '启用' : '已停用') },
        ]}
        defaultSort={{ by: 'title', order: 'asc' }}
        unit="个券模板"
        empty="没有券模板"
      />
    </>
  )
}

const ROWS = (): Row[] => [
  { id: 'a', title: '生日券', active: true },
  { id: 'b', title: '满减券', active: true },
  { id: 'c', title: '礼品', active: true },
  { id: 'd', title: '旧券', active: false },
  { id: 'e', title: '第二页的券', active: true },
]

/** The tick box of the row showing `title`. */
const tick = (title: string) => {
  const row = screen.getByText(title).closest('tr')!
  fireEvent.click(within(row).getByRole('checkbox'))
}
const bar = () => screen.queryByRole('toolbar', { name: '批量操作' })
const dialog = () => document.querySelector('.t-dialog') as HTMLElement
const deferred = () => {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

/** What the last bulk action did, as the bar's summary says it (the toast says the same, briefly). */
const result = () => document.querySelector('.bulk-result') as HTMLElement | null

describe('BulkBar and useBulkAction', () => {
  it('counts the ticked rows, asks naming the count, runs each in turn with a count, then lists the failures', async () => {
    const server = fakeServer(ROWS())
    const pending: Record<string, ReturnType<typeof deferred>> = {}
    const ran: string[] = []
    const each = (row: Row) => {
      ran.push(row.id)
      pending[row.id] = deferred()
      return pending[row.id].promise
    }
    render(<Page server={server} each={each} />)
    await screen.findByText('生日券')
    expect(bar()).toBeNull()

    tick('生日券')
    tick('满减券')
    tick('礼品')
    tick('旧券')
    expect(within(bar()!).getByText('已选 4 项')).toBeTruthy()
    // 旧券 is retired already: the button acts on the three it applies to, and says so.
    fireEvent.click(within(bar()!).getByRole('button', { name: '停用（3）' }))
    expect(within(dialog()).getByText('停用选中的 3 个券模板？')).toBeTruthy()
    expect(ran).toEqual([])
    const callsBefore = server.calls
    fireEvent.click(within(dialog()).getByRole('button', { name: '确认停用' }))

    // One after another: the second starts only when the first has answered.
    await waitFor(() => expect(ran).toEqual(['a']))
    expect(screen.getByRole('status').textContent).toBe('正在停用 0/3…')
    server.rows[0].active = false
    await act(async () => pending.a.resolve())
    await waitFor(() => expect(ran).toEqual(['a', 'b']))
    expect(screen.getByText('正在停用 1/3…')).toBeTruthy()
    await act(async () => pending.b.reject(new DeskError('IN_USE', '积分商城的「满减券兑换」仍在发放这张券')))
    await waitFor(() => expect(ran).toEqual(['a', 'b', 'c']))
    expect(screen.getByText('正在停用 2/3…')).toBeTruthy()
    // A failure that is not the server's (a bug, the network) still gets words an operator can read.
    await act(async () => pending.c.reject(new TypeError('x is undefined')))

    await waitFor(() => expect(result()).not.toBeNull())
    expect(within(result()!).getByText('已停用 1 项，2 项失败')).toBeTruthy()
    expect(Array.from(result()!.querySelectorAll('li'), (li) => li.textContent)).toEqual([
      '「满减券」：积分商城的「满减券兑换」仍在发放这张券',
      '「礼品」：操作失败，请重试',
    ])
    // The list reloaded: 生日券 now shows retired; the two that failed stay ticked, to be tried again.
    await waitFor(() => expect(server.calls).toBe(callsBefore + 1))
    await waitFor(() => expect(within(screen.getByText('生日券').closest('tr')!).getByText('已停用')).toBeTruthy())
    expect(within(bar()!).getByText('已选 2 项')).toBeTruthy()
    expect(within(bar()!).getByRole('button', { name: '停用' })).toBeTruthy()

    fireEvent.click(within(result()!).getByRole('button', { name: '知道了' }))
    expect(result()).toBeNull()
  })

  it('runs nothing when the question is cancelled', async () => {
    const server = fakeServer(ROWS())
    const each = jest.fn(() => Promise.resolve())
    render(<Page server={server} each={each} />)
    await screen.findByText('生日券')
    tick('生日券')
    fireEvent.click(within(bar()!).getByRole('button', { name: '停用' }))
    expect(within(dialog()).getByText('停用选中的 1 个券模板？')).toBeTruthy()
    fireEvent.click(within(dialog()).getByRole('button', { name: '取消' }))
    await waitFor(() => expect(document.querySelector('.t-dialog')).toBeNull())
    expect(each).not.toHaveBeenCalled()
    expect(within(bar()!).getByText('已选 1 项')).toBeTruthy()
  })

  it('says all went well when nothing failed, and drops the ticks', async () => {
    const server = fakeServer(ROWS())
    render(<Page server={server} each={() => Promise.resolve()} />)
    await screen.findByText('生日券')
    tick('生日券')
    tick('满减券')
    fireEvent.click(within(bar()!).getByRole('button', { name: '停用' }))
    fireEvent.click(within(dialog()).getByRole('button', { name: '确认停用' }))
    await waitFor(() => expect(result()).not.toBeNull())
    expect(within(result()!).getByText('已停用 2 项')).toBeTruthy()
    expect(result()!.querySelectorAll('li')).toHaveLength(0)
    await waitFor(() => expect(bar()).toBeNull())
  })

  it('drops the ticks when the filter or the page changes', async () => {
    const server = fakeServer(ROWS())
    render(<Page server={server} each={() => Promise.resolve()} />)
    await screen.findByText('生日券')
    tick('生日券')
    expect(within(bar()!).getByText('已选 1 项')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '下一页' }))
    await screen.findByText('第二页的券')
    expect(bar()).toBeNull()

    tick('第二页的券')
    expect(within(bar()!).getByText('已选 1 项')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '只看券' }))
    await waitFor(() => expect(screen.queryByText('礼品')).toBeNull())
    expect(bar()).toBeNull()
  })

  const failed = (n: number) => Array.from({ length: n }, (_, i) => ({ row: i, name: `#${i}`, message: '不行' }))
  it.each([
    ['停用', 8, 2, '已停用 8 项，2 项失败'],
    ['通过', 3, 0, '已通过 3 项'],
    ['调整门店', 0, 1, '已调整门店 0 项，1 项失败'],
  ] as const)('sums up %s: %d done, %d failed as %s', (action, done, failures, text) => {
    expect(bulkSummary({ action, done, failures: failed(failures) })).toBe(text)
  })
})

describe('RowActions', () => {
  const renderActions = (run: () => Promise<unknown>, active = true) =>
    render(
      <RowActions
        onEdit={jest.fn()}
        toggle={{
          active,
          off: { label: '停用', confirm: { header: '停用「生日券」？', body: '停用后不能再发出这张券。' }, run },
          on: { label: '启用', run },
        }}
      />,
    )

  it('asks before switching off, and a cancel runs nothing', async () => {
    const run = jest.fn(() => Promise.resolve())
    renderActions(run)
    expect(screen.getByRole('button', { name: '编辑' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '停用' }))
    expect(within(dialog()).getByText('停用「生日券」？')).toBeTruthy()
    expect(within(dialog()).getByText('停用后不能再发出这张券。')).toBeTruthy()
    fireEvent.click(within(dialog()).getByRole('button', { name: '取消' }))
    await waitFor(() => expect(document.querySelector('.t-dialog')).toBeNull())
    expect(run).not.toHaveBeenCalled()
  })

  it('runs once on confirmation and closes the question when done', async () => {
    const done = deferred()
    const run = jest.fn(() => done.promise)
    renderActions(run)
    fireEvent.click(screen.getByRole('button', { name: '停用' }))
    fireEvent.click(within(dialog()).getByRole('button', { name: '确认停用' }))
    expect(run).toHaveBeenCalledTimes(1)
    // Working until the page's action ends.
    await screen.findByText('正在停用…')
    await act(async () => done.resolve())
    await waitFor(() => expect(document.querySelector('.t-dialog')).toBeNull())
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('switches on at once when that side asks nothing, and keeps clicks from the row', () => {
    const run = jest.fn(() => Promise.resolve())
    const rowClick = jest.fn()
    render(
      <div onClick={rowClick}>
        <RowActions toggle={{ active: false, on: { label: '启用', run } }} />
      </div>,
    )
    expect(screen.queryByRole('button', { name: '编辑' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: '启用' }))
    expect(run).toHaveBeenCalledTimes(1)
    expect(document.querySelector('.t-dialog')).toBeNull()
    expect(rowClick).not.toHaveBeenCalled()
  })
})

describe('ExportButton', () => {
  it('says how many rows it would export, its progress while it runs, and is off with nothing to export', () => {
    const onClick = jest.fn()
    const { rerender } = render(<ExportButton xlsx={{ progress: null }} total={1234} onClick={onClick} />)
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel（1234 条）' }))
    expect(onClick).toHaveBeenCalledTimes(1)
    rerender(<ExportButton xlsx={{ progress: '正在导出 200/1234' }} total={1234} onClick={onClick} />)
    expect(screen.getByRole('button', { name: /正在导出 200\/1234/ })).toBeTruthy()
    rerender(<ExportButton xlsx={{ progress: null }} total={0} onClick={onClick} />)
    // TDesign draws a disabled button as a plain element marked disabled: a click reaches nothing.
    const off = screen.getByText('导出 Excel（0 条）').closest('.t-button')!
    expect(off.classList.contains('t-is-disabled')).toBe(true)
    fireEvent.click(off)
    expect(onClick).toHaveBeenCalledTimes(1)
    rerender(<ExportButton xlsx={{ progress: null }} total={null} onClick={onClick} />)
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }))
    expect(onClick).toHaveBeenCalledTimes(2)
  })
})
