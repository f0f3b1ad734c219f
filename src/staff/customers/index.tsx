import { View } from '@tarojs/components'
import { CustomerListBody, CustomerSearchField } from '../../components/Workbench/CustomerList'
import { assistantLine } from '../../components/Workbench/CustomerRow'
import { customerUrl } from '../../routes'
import { customerLine } from '../../wording/workbench'
import { StaffDesk } from '../shared/StaffDesk'
import { useCustomers } from './useCustomers'

/** "我的顾客": the assistant's own customers (a manager: the store's), searchable, 50 at a time. */
const CustomersPage = () => {
  const list = useCustomers()
  return (
    <StaffDesk>
      {(staff) => {
        const manager = staff.role === 'manager'
        return (
          <>
            <View className="desk__panel">
              <CustomerSearchField list={list} />
            </View>
            <View className="desk__panel">
              <CustomerListBody
                list={list}
                desk="desk"
                title={`${manager ? '本店顾客' : '我的顾客'} · 最近到店在前`}
                empty={
                  manager
                    ? { text: '本店还没有会员', hint: '顾客扫本店门店码入会后会出现在这里' }
                    : { text: '还没有由您负责的顾客', hint: '顾客扫您的门店码入会后会出现在这里' }
                }
                lines={(c) => [customerLine(c), assistantLine(c, manager)]}
                url={customerUrl}
              />
            </View>
          </>
        )
      }}
    </StaffDesk>
  )
}

export default CustomersPage
