import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  label: string
  /** Shown under the control in red; the control's own border turns red too. */
  error?: string | null
  hint?: string
  children: ReactNode
}

/** One labelled form row with its error next to it. */
export const Field = ({ label, error, hint, children }: Props) => (
  <View className={`field${error ? ' field--invalid' : ''}`}>
    <Text className="field__label">{label}</Text>
    <View className="field__control">{children}</View>
    {error ? <Text className="field__error">{error}</Text> : hint && <Text className="field__hint">{hint}</Text>}
  </View>
)
