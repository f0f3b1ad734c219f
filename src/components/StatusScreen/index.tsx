import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
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

/** A page's data while it is not ready: loading, or failed with a way to load it again. */
export type NotReady = { status: 'loading' } | { status: 'failed'; message: string }

/** The whole-page state of data that is loading or failed to load: "正在…" or "…暂时打不开" with 重新加载. */
export const LoadStatus = ({
  state,
  loading,
  failed,
  onRetry,
}: {
  state: NotReady
  loading: string
  failed: string
  onRetry: () => void
}) =>
  state.status === 'failed' ? (
    <StatusScreen mark="!" title={failed} message={state.message}>
      <Button className="btn btn--primary" onClick={onRetry}>
        重新加载
      </Button>
    </StatusScreen>
  ) : (
    <StatusScreen mark="…" title={loading} />
  )
