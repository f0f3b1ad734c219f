import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { CallbackHistory, CustomerCardFacts, CustomerSummary } from '../../components/Workbench/CustomerRecord'
import { OpsDesk } from '../shared/OpsDesk'
import { useOpsCustomer } from './useOpsCustomer'
import './index.scss'

/**
 * "顾客详情" for operators: any store's customer — who, what they are worth, the card on file, the callbacks.
 * Read-only: the store that looks after the customer edits the card and logs the callbacks.
 */
const OpsCustomerPage = () => {
  const { state, retry } = useOpsCustomer()
  return (
    <OpsDesk title="顾客详情">
      {() => (
        <>
          {state.status === 'loading' && <StatusScreen mark="…" title="正在加载顾客资料" />}
          {state.status === 'failed' && (
            <StatusScreen mark="!" title="顾客资料暂时打不开" message={state.message}>
              <Button className="btn btn--primary" onClick={retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {state.status === 'ready' && (
            <>
              <View className="ops-page__panel customer-summary">
                <CustomerSummary customer={state.customer} showStore />
                <Text className="ops-page__note ops-record__note">只读：顾客资料卡和回访由所属门店维护</Text>
              </View>
              <View className="ops-page__panel">
                <Text className="ops-page__step">顾客资料卡</Text>
                <CustomerCardFacts profile={state.customer.profile} empty="门店还没有填写尺码和喜好" />
              </View>
              <View className="ops-page__panel">
                <Text className="ops-page__step">回访记录</Text>
                <CallbackHistory callbacks={state.callbacks} />
              </View>
            </>
          )}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsCustomerPage
