import { Button, Text } from '@tarojs/components'

/** The confirm step's controller, as the pages' hooks return it. */
export interface ConfirmFlow {
  submitting: boolean
  /** The last attempt got no answer: the button retries it. */
  unanswered: boolean
  confirm: () => void
  back: () => void
}

interface Props {
  /** "创建": the button reads 确认创建, then 正在创建… while it runs, and 重试创建 after an unanswered attempt. */
  verb: string
  /** Why a retry cannot act twice, said after an unanswered attempt: "同一个活动不会重复创建". */
  retryIsSafe: string
  /** The button's label before the first attempt, when it is not 确认<verb>. */
  confirmLabel?: string
  /** The way back to the form: 返回修改 unless said otherwise. */
  backLabel?: string
  /** The refusal that is not about one field. */
  error?: string
  flow: ConfirmFlow
}

/**
 * The foot of an operator's confirm step: the refusal, the retry note, one button, and the way back. While the
 * request is out there is no way back; after it went unanswered the button retries it (the action is keyed, so a
 * retry cannot act twice).
 */
export const ConfirmActions = ({
  verb,
  retryIsSafe,
  confirmLabel,
  backLabel = '返回修改',
  error,
  flow: { submitting, unanswered, confirm, back },
}: Props) => (
  <>
    {error && <Text className="form-error">{error}</Text>}
    {unanswered && <Text className="ops-page__note">{`未收到结果，可放心重试：${retryIsSafe}。`}</Text>}
    <Button className={`btn btn--primary ops-page__action${submitting ? ' btn--disabled' : ''}`} disabled={submitting} onClick={confirm}>
      {submitting ? `正在${verb}…` : unanswered ? `重试${verb}` : (confirmLabel ?? `确认${verb}`)}
    </Button>
    {!submitting && (
      <Text className="ops-page__link" onClick={back}>
        {backLabel}
      </Text>
    )}
  </>
)
