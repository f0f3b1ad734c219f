import { useEffect, useState } from 'react'
import { Button } from '@tarojs/components'
import { AppError } from '../../domain/errors'
import { messageOf } from '../../services/cloud'
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
export const useAccess = <Who,>(whoami: () => Promise<Who>) => {
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
  useEffect(check, [])
  return { access, retryAccess: check }
}

interface ScreenProps {
  access: Exclude<Access<unknown>, { status: 'granted' }>
  retry: () => void
  /** "正在验证导购身份" */
  checkingTitle: string
  /** "仅限门店导购使用" */
  forbiddenTitle: string
  /** Said instead of the server's reason when that only repeats the title: what to do about it. */
  forbiddenHint: string
}

/** Every state but granted: checking, not for you (with what to do), or a failure to retry. */
export const AccessScreen = ({ access, retry, checkingTitle, forbiddenTitle, forbiddenHint }: ScreenProps) => {
  switch (access.status) {
    case 'checking':
      return <StatusScreen mark="…" title={checkingTitle} />
    case 'forbidden':
      return (
        <StatusScreen mark="限" title={forbiddenTitle} message={access.message === forbiddenTitle ? forbiddenHint : access.message} />
      )
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
