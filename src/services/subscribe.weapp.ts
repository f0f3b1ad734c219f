import Taro from '@tarojs/taro'

/**
 * WeChat's own consent sheet for one subscribe message. It must be called inside a tap handler (WeChat
 * refuses it otherwise), so pages call it from the opt-in's onClick, before any await.
 * "accept" is a consent; "reject", "ban" (the template is blocked) or "filter" are not.
 */
export const askSubscribeConsent = async (templateId: string): Promise<boolean> => {
  // Taro's typings want alipay's entityIds too; WeChat takes tmplIds alone.
  const result = await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Taro.requestSubscribeMessage.Option)
  return (result as Record<string, unknown>)[templateId] === 'accept'
}
