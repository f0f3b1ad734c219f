import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CustomerView } from '../../api/contract'
import { classText, UNCLAIMED_MARK } from '../../wording/workbench'
import { TierBadge } from '../TierBadge'
import './workbench.scss'

/** The handbook's A/B/C/D grade as a small square next to the tier. */
export const ClassBadge = ({ value }: { value: CustomerView['customerClass'] }) => (
  <Text className={`class-badge class-badge--${value.toLowerCase()}`}>{classText(value)}</Text>
)

/**
 * One customer in a workbench list: the name with tier and grade, then what this list is about (the last
 * purchase, the birthday, days away); tapping opens the record at `url` (the staff's or the operators').
 */
export const CustomerRow = ({ customer, lines, url }: { customer: CustomerView; lines: (string | null)[]; url: string }) => (
  <View className="customer-row" onClick={() => void Taro.navigateTo({ url })}>
    <View className="customer-row__main">
      <View className="customer-row__head">
        <Text className="customer-row__name">{customer.name}</Text>
        <TierBadge tier={customer.tier} />
        <ClassBadge value={customer.customerClass} />
        {customer.unclaimed && <Text className="unclaimed-badge">{UNCLAIMED_MARK}</Text>}
      </View>
      {lines
        .filter((line): line is string => Boolean(line))
        .map((line) => (
          <Text key={line} className="customer-row__line">
            {line}
          </Text>
        ))}
    </View>
    <Text className="customer-row__chevron">›</Text>
  </View>
)

/** A manager sees who looks after each customer. */
export const assistantLine = (customer: CustomerView, shown: boolean): string | null =>
  shown ? `负责导购 ${customer.assistant?.name ?? '未分配'}` : null

/** Operators see whose customer it is: the store and the assistant. */
export const storeLine = (customer: CustomerView): string =>
  `${customer.store?.name ?? '未关联门店'} · 负责导购 ${customer.assistant?.name ?? '未分配'}`
