import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { AcceptedInvitation } from '../../api/contract'
import { AcceptInvitationSchema } from '../../api/storeAdminSchemas'
import { check } from '../../api/fields'
import { callCloud, messageOf } from '../../services/cloud'

/** WeChat may hand the query still encoded, H5 decoded. */
const decoded = (raw: string | undefined): string => {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * The code the page was opened with: `?code=` (a shared link), or a mini-program code's scene `i=<code>` (a printed
 * or forwarded QR); empty when the person types it.
 */
export const codeFromParams = (params: Record<string, string | undefined>): string => {
  if (params.code) return decoded(params.code)
  const scene = decoded(params.scene)
  return scene.startsWith('i=') ? scene.slice(2) : ''
}

/**
 * Accepting an invitation: the code (from the link, or typed), then one call. The server takes the caller's WeChat
 * identity from the cloud context; a second tap after a lost answer is safe (the same person gets the same answer).
 */
export const useInvitation = () => {
  const params = useRouter().params
  const [text, setText] = useState(() => codeFromParams(params))
  const [error, setError] = useState<string>()
  const [accepting, setAccepting] = useState(false)
  const [accepted, setAccepted] = useState<AcceptedInvitation | null>(null)

  const accept = async () => {
    if (accepting) return
    const parsed = check(AcceptInvitationSchema, { code: text })
    if (!parsed.ok) {
      setError(parsed.fields[0].message)
      return
    }
    setError(undefined)
    setAccepting(true)
    try {
      setAccepted(await callCloud('member', 'acceptInvitation', parsed.value))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setAccepting(false)
    }
  }

  const change = (value: string) => {
    setText(value)
    setError(undefined)
  }

  return { text, change, error, accepting, accepted, accept }
}
