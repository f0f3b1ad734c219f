import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { customerLine } from '../../wording/workbench'
import { assistantLine, CustomerRow } from '../shared/CustomerRow'
import { StaffDesk } from '../shared/StaffDesk'
import { useCustomers } from './useCustomers'
import '../shared/workbench.scss'
import './index.scss'

/** "我的顾客": the assistant's own customers (a manager: the store's), searchable, 50 at a time. */
const CustomersPage = () => {
  const page = useCustomers()
  const { state, more } = page
  return (
    <StaffDesk>
      {(staff) => {
        const manager = staff.role === 'manager'
        const whose = manager ? '本店顾客' : '我的顾客'
        return (
          <>
            <View className="desk__panel">
              <Field label="搜索顾客" error={page.error} hint="姓名开头，或手机号后 4 位及以上">
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="姓名或手机尾号"
                  confirmType="search"
                  maxlength={20}
                  value={page.text}
                  onInput={(e) => page.type(e.detail.value)}
                  onConfirm={page.search}
                />
                <Text className="customer-search__go" onClick={page.search}>
                  搜索
                </Text>
              </Field>
            </View>

            <View className="desk__panel">
              <View className="customer-list__head">
                <Text className="desk__step customer-list__step">
                  {state.status === 'ready' && state.search ? `搜索「${state.search}」` : `${whose} · 最近到店在前`}
                </Text>
                {state.status === 'ready' && state.search && (
                  <Text className="customer-list__clear" onClick={page.clear}>
                    清除搜索
                  </Text>
                )}
              </View>
              {state.status === 'loading' && <Text className="wb-section__empty">正在加载…</Text>}
              {state.status === 'failed' && (
                <>
                  <Text className="form-error">{state.message}</Text>
                  <Button className="btn btn--secondary desk__action" onClick={page.retry}>
                    重新加载
                  </Button>
                </>
              )}
              {state.status === 'ready' &&
                (state.customers.length === 0 ? (
                  <View className="customer-list__empty">
                    <Text className="wb-section__empty">{state.search ? `没有找到「${state.search}」` : manager ? '本店还没有会员' : '还没有由您负责的顾客'}</Text>
                    <Text className="wb-section__empty-hint">
                      {state.search ? '可输入姓名开头，或手机号后 4 位' : manager ? '顾客扫本店门店码入会后会出现在这里' : '顾客扫您的门店码入会后会出现在这里'}
                    </Text>
                  </View>
                ) : (
                  state.customers.map((c) => <CustomerRow key={c.memberNo} customer={c} lines={[customerLine(c), assistantLine(c, manager)]} />)
                ))}
              {state.status === 'ready' && more.status === 'idle' && (
                <Text className="wb-more" onClick={page.loadMore}>
                  加载更多
                </Text>
              )}
              {state.status === 'ready' && more.status === 'loading' && <Text className="wb-more wb-more--quiet">正在加载…</Text>}
              {state.status === 'ready' && more.status === 'failed' && (
                <Text className="wb-more" onClick={page.loadMore}>
                  {`${more.message}，点此重试`}
                </Text>
              )}
            </View>
          </>
        )
      }}
    </StaffDesk>
  )
}

export default CustomersPage
