import { Text, View } from '@tarojs/components'
import type { CustomerView, TodayView } from '../../api/contract'
import type { DeskBlock } from './CustomerList'
import { CustomerRow } from './CustomerRow'
import { todaySections } from './todaySections'
import './workbench.scss'

interface Props {
  today: TodayView
  desk: DeskBlock
  /** A line under each row after the section's own (whose customer it is), or null. */
  whose: (customer: CustomerView) => string | null
  /** Where a row leads: the customer's record. */
  url: (memberNo: string) => string
}

/** "今日与本月" as panels: each list with its count and hint, its rows, or what an empty list says. */
export const TodaySections = ({ today, desk, whose, url }: Props) => (
  <>
    {todaySections(today).map((section) => (
      <View key={section.key} className={`${desk}__panel wb-section today-section--${section.key}`}>
        <View className="wb-section__head">
          <Text className="wb-section__title">{section.title}</Text>
          <Text className="wb-section__count">{section.customers.length}</Text>
        </View>
        <Text className="wb-section__hint">{section.hint}</Text>
        {section.customers.length === 0 ? (
          <Text className="wb-section__empty">{section.empty}</Text>
        ) : (
          section.customers.map((c) => (
            <CustomerRow key={c.memberNo} customer={c} lines={[section.line(c), whose(c)]} url={url(c.memberNo)} />
          ))
        )}
      </View>
    ))}
  </>
)
