import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  /** A single glyph for the mark above the title. */
  mark: string
  title: string
  message?: string
  /** Buttons or links under the message. */
  children?: ReactNode
}

/** A whole-page state: loading, access denied, or a failure the shopper can retry. */
export const StatusScreen = ({ mark, title, message, children }: Props) => (
  <View className="status-screen">
    <View className="status-screen__mark">{mark}</View>
    <Text className="status-screen__title">{title}</Text>
    {message && <Text className="status-screen__message">{message}</Text>}
    {children && <View className="status-screen__actions">{children}</View>}
  </View>
)
