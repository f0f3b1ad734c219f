/**
 * The filters every desk table has: a search box (typed freely, applied on Enter, removed by its clear button) and
 * an on/off state picker (启用中 / 已停用 / 全部). Both read and write the cursor list's filter.
 */
import { useState } from 'react'
import { Input, Select } from 'tdesign-react'
import type { useCursorList } from './useCursorList'

type List<F> = Pick<ReturnType<typeof useCursorList<F, string, unknown>>, 'query' | 'setFilter'>

interface SearchProps<F extends { search?: string }> {
  list: List<F>
  placeholder: string
}

export const SearchBox = <F extends { search?: string }>({ list, placeholder }: SearchProps<F>) => {
  // What is typed is kept apart from the filter: the list reloads on Enter, not on every key.
  const [text, setText] = useState(list.query.filter.search ?? '')
  return (
    <Input
      className="filters__search"
      placeholder={placeholder}
      clearable
      value={text}
      onChange={(v) => setText(String(v))}
      onEnter={() => list.setFilter({ ...list.query.filter, search: text.trim() || undefined })}
      onClear={() => list.setFilter({ ...list.query.filter, search: undefined })}
    />
  )
}

interface StateProps<F extends { active?: boolean }> {
  list: List<F>
  /** The words for on and off: 启用中/已停用, 营业中/已停业, 在职/已停用. */
  on: string
  off: string
  all?: string
}

export const StateSelect = <F extends { active?: boolean }>({ list, on, off, all = '全部状态' }: StateProps<F>) => {
  const { active } = list.query.filter
  return (
    <Select
      className="filters__state"
      value={active === undefined ? 'all' : active ? 'on' : 'off'}
      options={[
        { value: 'on', label: on },
        { value: 'off', label: off },
        { value: 'all', label: all },
      ]}
      onChange={(v) => list.setFilter({ ...list.query.filter, active: v === 'all' ? undefined : v === 'on' })}
    />
  )
}
