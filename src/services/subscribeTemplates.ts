/**
 * The subscribe-message template ids come with the card (CardView.subscribeTemplates). Pages that ask for
 * consent later (the catalog after an exchange) reuse the card's answer instead of calling again; opened
 * without the card first (a shared link), they read the card once.
 */
import type { SubscribeTemplates } from '../api/contract'
import { callCloud } from './cloud'

let known: SubscribeTemplates | null = null

export const rememberSubscribeTemplates = (templates: SubscribeTemplates): void => {
  known = templates
}

export const subscribeTemplates = async (): Promise<SubscribeTemplates> => {
  known ??= (await callCloud('member', 'getCard', {})).subscribeTemplates
  return known
}
