import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useCustomerList } from '../../components/Workbench/useCustomerList'
import { callCloud } from '../../services/cloud'

const myCustomers = (search: string | undefined, offset: number) => callCloud('staff', 'customers', { search, offset })

/**
 * My customers (a manager: the store's), most recently seen first, 50 at a time; searched by a name's
 * start, a phone number's last 4 digits, or both. The server decides whose customers these are.
 */
export const useCustomers = () => {
  const list = useCustomerList(myCustomers)
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  return list
}
