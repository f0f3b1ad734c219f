import { useEffect, useState, type ReactNode } from 'react'
import { Button, View } from '@tarojs/components'
import { AppError } from '../../domain/errors'
import { messageOf } from '../../services/cloud'
import { LocalIdentitySwitcher } from '../LocalIdentitySwitcher'
import { StatusScreen } from '../StatusScreen'

export type Access<Who> =
  | { status: 'checking' }
  | { status: 'forbidden'; message: string }
  | { status: 'failed'; message: string }
  | { status: 'granted'; who: Who }

/**
 * Who may use a role's pages (shop assistants, operators): the server decides on every call; this only
 * picks the screen, from the role's `whoami`. FORBIDDEN is an answer; anything else can be retried.
 */
const useAccess = <Who,>(whoami: () => Promise<Who>) => {
  const [access, setAccess] = useState<Access<Who>>({ status: 'checking' })
  const check = () => {
    setAccess({ status: 'checking' })
    whoami().then(
      (who) => setAccess({ status: 'granted', who }),
      (error) =>
        setAccess(
          error instanceof AppError && error.code === 'FORBIDDEN'
            ? { status: 'forbidden', message: error.message }
            : { status: 'failed', message: messageOf(error) },
        ),
    )
  }
  // Once per page: the role's pages are opened one at a time.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once on opening; `whoami` is a new function each render
  useEffect(check, [])
  return { access, retryAccess: check }
}

/** What a role's access screens say. */
export interface AccessWording {
  /** "正在验证导购身份" */
  checkingTitle: string
  /** "仅限门店导购使用" */
  forbiddenTitle: string
  /** Said instead of the server's reason when that only repeats the title: what to do about it. */
  forbiddenHint: string
}

interface ScreenProps extends AccessWording {
  access: Exclude<Access<unknown>, { status: 'granted' }>
  retry: () => void
}

/** Every state but granted: checking, not for you (with what to do), or a failure to retry. */
const AccessScreen = ({ access, retry, checkingTitle, forbiddenTitle, forbiddenHint }: ScreenProps) => {
  switch (access.status) {
    case 'checking':
      return <StatusScreen mark="…" title={checkingTitle} />
    case 'forbidden':
      return <StatusScreen mark="限" title={forbiddenTitle} message={access.message === forbiddenTitle ? forbiddenHint : access.message} />
    case 'failed':
      return (
        <StatusScreen mark="!" title="暂时无法打开" message={access.message}>
          <Button className="btn btn--primary" onClick={retry}>
            重试
          </Button>
        </StatusScreen>
      )
  }
}

interface GateProps<Who> {
  /** The page root's class: it paints the page, behind the access screens too. */
  className: string
  /** The role's `whoami`, asked once when the page opens (and again on retry). */
  whoami: () => Promise<Who>
  wording: AccessWording
  /** The page, for who was let in. */
  children: (who: Who) => ReactNode
}

/**
 * A role's whole page (shop assistant, operator): the access screens until the server has said who this is,
 * then the page itself; the H5 preview's identity switcher under either.
 */
export const AccessGate = <Who,>({ className, whoami, wording, children }: GateProps<Who>) => {
  const { access, retryAccess } = useAccess(whoami)
  return (
    <View className={className}>
      {access.status === 'granted' ? children(access.who) : <AccessScreen access={access} retry={retryAccess} {...wording} />}
      <LocalIdentitySwitcher />
    </View>
  )
}
