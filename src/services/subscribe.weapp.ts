import Taro from '@tarojs/taro'

/**
 * WeChat's own consent sheet for one message of each template (one sheet lists them all). It must be called
 * inside a tap handler (WeChat refuses it otherwise), so pages call it from the opt-in's onClick, before any
 * await. "accept" is a consent; "reject", "ban" (the template is blocked) or "filter" are not.
 */
export const askSubscribeConsent = async (templateIds: readonly string[]): Promise<boolean[]> => {
  // Taro's typings want alipay's entityIds too; WeChat takes tmplIds alone.
  const result = await Taro.requestSubscribeMessage({ tmplIds: [...templateIds] } as Taro.requestSubscribeMessage.Option)
  return templateIds.map((id) => (result as Record<string, unknown>)[id] === 'accept')
}
