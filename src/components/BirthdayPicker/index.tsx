import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import './index.scss'

export interface BirthdayValue {
  month: number | null
  day: number | null
  year: number | null
}

interface Props {
  value: BirthdayValue
  onChange: (value: BirthdayValue) => void
  /** The phone's current year: the newest year offered. */
  currentYear: number
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
// Without a year, 29 February is a valid birthday; the form's calendar check handles a non-leap year.
const daysIn = (month: number) => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
const dayLabels = (month: number) => Array.from({ length: daysIn(month) }, (_, i) => `${i + 1}日`)
const NO_YEAR = '不填写'
const YEARS_OFFERED = 100

/** Month and day in one wheel (required), the year in another (optional). */
export const BirthdayPicker = ({ value, onChange, currentYear }: Props) => {
  // The month column the wheel shows while scrolling, before the shopper confirms.
  const [wheelMonth, setWheelMonth] = useState(value.month ?? 1)
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => currentYear - i)

  return (
    <View className="birthday-picker">
      <Picker
        className="birthday-picker__wheel"
        mode="multiSelector"
        range={[MONTHS, dayLabels(wheelMonth)]}
        value={[(value.month ?? 1) - 1, (value.day ?? 1) - 1]}
        onColumnChange={(e) => e.detail.column === 0 && setWheelMonth(e.detail.value + 1)}
        onChange={(e) => {
          const [monthIndex, dayIndex] = e.detail.value
          const month = monthIndex + 1
          onChange({ ...value, month, day: Math.min(dayIndex + 1, daysIn(month)) })
        }}
      >
        <View className="birthday-picker__part">
          {value.month === null || value.day === null ? (
            <Text className="field__placeholder">选择月 / 日</Text>
          ) : (
            <Text>{`${value.month}月${value.day}日`}</Text>
          )}
          <Text className="birthday-picker__caret">▾</Text>
        </View>
      </Picker>
      <View className="birthday-picker__divider" />
      <Picker
        className="birthday-picker__wheel"
        mode="selector"
        range={[NO_YEAR, ...years.map((y) => `${y}年`)]}
        value={value.year === null ? 0 : currentYear - value.year + 1}
        onChange={(e) => {
          const index = Number(e.detail.value)
          onChange({ ...value, year: index === 0 ? null : years[index - 1] })
        }}
      >
        <View className="birthday-picker__part">
          {value.year === null ? <Text className="field__placeholder">年份（选填）</Text> : <Text>{`${value.year}年`}</Text>}
          <Text className="birthday-picker__caret">▾</Text>
        </View>
      </Picker>
    </View>
  )
}
