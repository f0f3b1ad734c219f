import { Button, Input, Text, View } from '@tarojs/components'
import type { CustomerView } from '../../api/contract'
import { Field } from '../Field'
import { CustomerRow } from './CustomerRow'
import type { CustomerList } from './useCustomerList'
import './workbench.scss'

/** The page's layout block: the staff desk's or the operators' (both from the desk-layout mixin). */
export type DeskBlock = 'desk' | 'ops-page'

/** The search box over a customer list: a name's start, the phone's last 4 digits, or both. */
export const CustomerSearchField = ({ list }: { list: CustomerList }) => (
  <Field label="搜索顾客" error={list.error} hint="姓名开头、手机号后 4 位，或两者（如 王2101）">
    <Input
      className="field__input"
      placeholderClass="field__placeholder"
      placeholder="姓名或手机尾号"
      confirmType="search"
      maxlength={20}
      value={list.text}
      onInput={(e) => list.type(e.detail.value)}
      onConfirm={list.search}
    />
    <Text className="customer-search__go" onClick={list.search}>
      搜索
    </Text>
  </Field>
)

interface ListProps {
  list: CustomerList
  desk: DeskBlock
  /** The heading while not searching, e.g. "我的顾客 · 最近到店在前". */
  title: string
  /** What an empty list says while not searching, and how customers get onto it. */
  empty: { text: string; hint: string }
  /** The lines under a customer's name. */
  lines: (customer: CustomerView) => (string | null)[]
  /** Where a row leads: the customer's record. */
  url: (memberNo: string) => string
}

/** The rows of a customer list with its heading, empty and failed states, and 加载更多. Goes inside a panel. */
export const CustomerListBody = ({ list, desk, title, empty, lines, url }: ListProps) => {
  const { state, more } = list
  const search = state.status === 'ready' ? state.search : undefined
  return (
    <>
      <View className="customer-list__head">
        <Text className={`${desk}__step customer-list__step`}>{search ? `搜索「${search}」` : title}</Text>
        {search && (
          <Text className="customer-list__clear" onClick={list.clear}>
            清除搜索
          </Text>
        )}
      </View>
      {state.status === 'loading' && <Text className="wb-section__empty">正在加载…</Text>}
      {state.status === 'failed' && (
        <>
          <Text className="form-error">{state.message}</Text>
          <Button className={`btn btn--secondary ${desk}__action`} onClick={() => void list.reload()}>
            重新加载
          </Button>
        </>
      )}
      {state.status === 'ready' &&
        (state.customers.length === 0 ? (
          <View className="customer-list__empty">
            <Text className="wb-section__empty">{search ? `没有找到「${search}」` : empty.text}</Text>
            <Text className="wb-section__empty-hint">{search ? '可输入姓名开头，或手机号后 4 位' : empty.hint}</Text>
          </View>
        ) : (
          state.customers.map((c) => <CustomerRow key={c.memberNo} customer={c} lines={lines(c)} url={url(c.memberNo)} />)
        ))}
      {state.status === 'ready' && more.status === 'idle' && (
        <Text className="wb-more" onClick={list.loadMore}>
          加载更多
        </Text>
      )}
      {state.status === 'ready' && more.status === 'loading' && <Text className="wb-more wb-more--quiet">正在加载…</Text>}
      {state.status === 'ready' && more.status === 'failed' && (
        <Text className="wb-more" onClick={list.loadMore}>
          {`${more.message}，点此重试`}
        </Text>
      )}
    </>
  )
}
