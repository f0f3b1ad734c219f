import { Button, Picker, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { StatusScreen } from '../../components/StatusScreen'
import { CustomerListBody, CustomerSearchField } from '../../components/Workbench/CustomerList'
import { storeLine } from '../../components/Workbench/CustomerRow'
import { TodaySections } from '../../components/Workbench/TodaySections'
import { opsCustomerUrl, ROUTES } from '../../routes'
import { customerLine } from '../../wording/workbench'
import { Choice } from '../shared/Choice'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { useOpsCustomers, type OpsCustomersView } from './useOpsCustomers'
import './index.scss'
import { dateText } from '../../wording/dates'

const VIEWS: readonly OpsCustomersView[] = ['list', 'today']
const VIEW_WORDS: Record<OpsCustomersView, string> = { list: '顾客名单', today: '今日与本月' }

/**
 * "全部顾客": the workbench's lists for the brand — every store's customers or one store's, searchable, and
 * today's and this month's lists; each row opens the customer's record. Read-only: stores look after their
 * customers.
 */
const OpsCustomersPage = () => {
  const page = useOpsCustomers()
  const { list, today, stores } = page
  return (
    <OpsDesk title="全部顾客">
      {() => (
        <>
          <OpsNav current={ROUTES.opsCustomers} />

          <View className="ops-page__panel">
            <Choice options={VIEWS} on={(v) => v === page.view} words={VIEW_WORDS} pick={page.pickView} />
            <Field label="门店" error={stores.status === 'failed' ? `门店列表暂时打不开：${stores.message}` : undefined}>
              <Picker
                className="ops-picker"
                mode="selector"
                range={page.storeNames}
                value={page.storeIndex}
                onChange={(e) => page.pickStore(Number(e.detail.value))}
              >
                <View className="ops-picker__value">
                  <Text className="ops-customers__store">{page.scopeName}</Text>
                  <Text className="ops-picker__caret">▾</Text>
                </View>
              </Picker>
              {stores.status === 'failed' && (
                <Text className="ops-customers__retry" onClick={page.retryStores}>
                  重试
                </Text>
              )}
            </Field>
            {page.view === 'list' && <CustomerSearchField list={list} />}
          </View>

          {page.view === 'list' && (
            <View className="ops-page__panel">
              <CustomerListBody
                list={list}
                desk="ops-page"
                title={`${page.scopeName} · 最近到店在前`}
                empty={
                  page.storeChosen
                    ? { text: `${page.scopeName}还没有会员`, hint: '顾客扫这家门店的门店码入会后会出现在这里' }
                    : { text: '还没有会员', hint: '顾客扫门店码入会后会出现在这里' }
                }
                lines={(c) => [customerLine(c), storeLine(c)]}
                url={opsCustomerUrl}
              />
            </View>
          )}

          {page.view === 'today' && today.status === 'loading' && <Text className="ops-page__empty">正在加载今日名单…</Text>}
          {page.view === 'today' && today.status === 'failed' && (
            <StatusScreen mark="!" title="今日名单暂时打不开" message={today.message}>
              <Button className="btn btn--primary" onClick={page.retryToday}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {page.view === 'today' && today.status === 'ready' && (
            <>
              <Text className="ops-customers__date">{`${dateText(today.today.serverTime, 'nearDay')} · ${page.nameOf(today.storeId)}`}</Text>
              <TodaySections today={today.today} desk="ops-page" whose={storeLine} url={opsCustomerUrl} />
            </>
          )}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsCustomersPage
