/**
 * The desk's table filters as an operator uses them (testing-library, jsdom, TDesign): the search box applies what
 * was typed on Enter only, trimmed, and its clear button removes the search; the state picker shows the filter's
 * state in words.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { SearchBox, StateSelect } from '../../desk/src/lists/ListFilters'

interface Filter {
  search?: string
  active?: boolean
}

const listWith = (filter: Filter) => {
  const applied: Filter[] = []
  return {
    list: { query: { filter, sort: { by: 'name', order: 'asc' as const }, limit: 20 }, setFilter: (f: Filter) => void applied.push(f) },
    applied,
  }
}

describe('SearchBox', () => {
  it('applies the typed text on Enter, trimmed, keeping the other filters', () => {
    const { list, applied } = listWith({ active: true })
    render(<SearchBox list={list} placeholder="券名称" />)
    const input = screen.getByPlaceholderText('券名称')
    fireEvent.change(input, { target: { value: '  生日券 ' } })
    expect(applied).toEqual([])
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 })
    expect(applied).toEqual([{ active: true, search: '生日券' }])
  })

  it('drops a search of spaces only instead of sending an empty one', () => {
    const { list, applied } = listWith({ search: '旧' })
    render(<SearchBox list={list} placeholder="商品名称" />)
    const input = screen.getByPlaceholderText('商品名称')
    expect((input as HTMLInputElement).value).toBe('旧')
    fireEvent.change(input, { target: { value: '   ' } })
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 })
    expect(applied).toEqual([{ search: undefined }])
  })
})

describe('StateSelect', () => {
  it.each([
    [{ active: true }, '上架中'],
    [{ active: false }, '已下架'],
    [{}, '全部'],
  ])('shows %j as %s', (filter, shown) => {
    const { list } = listWith(filter)
    const { container } = render(<StateSelect list={list} on="上架中" off="已下架" all="全部" />)
    expect((container.querySelector('input') as HTMLInputElement).value).toBe(shown)
  })
})
