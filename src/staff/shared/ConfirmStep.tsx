import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'

interface Props {
  /** The step's label, when it is not the third: "2 · 确认". */
  step?: string
  /** "兑换": the button reads 确认兑换, then 正在兑换… while it runs, and 重试兑换 after an unanswered attempt. */
  verb: string
  /** Why a retry cannot act twice, said after an unanswered attempt: "同一笔兑换不会重复扣分". */
  retryIsSafe: string
  /** The refusal that is not about one field. */
  error?: string
  submitting: boolean
  unanswered: boolean
  onConfirm: () => void
  onBack: () => void
  /** What is about to happen, as <Fact> rows. */
  children: ReactNode
}

/**
 * The last step before points move: what will happen, one button to do it, and a way back to the form.
 * While the request is out there is no way back; after it went unanswered the button retries it.
 */
export const ConfirmStep = ({
  step = '3 · 确认',
  verb,
  retryIsSafe,
  error,
  submitting,
  unanswered,
  onConfirm,
  onBack,
  children,
}: Props) => (
  <View className="desk__panel">
    <Text className="desk__step">{step}</Text>
    <View className="facts confirm-facts">{children}</View>
    {error && <Text className="form-error">{error}</Text>}
    {unanswered && <Text className="desk__note">{`未收到结果，可放心重试：${retryIsSafe}。`}</Text>}
    <Button className={`btn btn--primary desk__action${submitting ? ' btn--disabled' : ''}`} disabled={submitting} onClick={onConfirm}>
      {submitting ? `正在${verb}…` : unanswered ? `重试${verb}` : `确认${verb}`}
    </Button>
    {!submitting && (
      <Text className="desk__link" onClick={onBack}>
        返回修改
      </Text>
    )}
  </View>
)
