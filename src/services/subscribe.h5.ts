/**
 * The H5 preview has no WeChat: the shopper's tap on the page's opt-in is the consent itself (the local cloud
 * then shows the message in its outbox when the birthday job sends it).
 */
export const askSubscribeConsent = async (_templateId: string): Promise<boolean> => true
