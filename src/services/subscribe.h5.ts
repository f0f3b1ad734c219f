/**
 * The H5 preview has no WeChat: the shopper's tap on the page's opt-in is the consent itself (the local cloud
 * then shows the message in its outbox when a job sends it).
 */
export const askSubscribeConsent = async (templateIds: readonly string[]): Promise<boolean[]> => templateIds.map(() => true)
