import type { PhoneNumberDetail } from './phoneCode'

/**
 * WeChat gives the code in the button's event: `detail.code` when the user allowed it; none (errMsg
 * "getPhoneNumber:fail user deny" or another failure) otherwise.
 */
export const phoneCodeOf = async (detail?: PhoneNumberDetail): Promise<string | null> =>
  typeof detail?.code === 'string' && detail.code !== '' ? detail.code : null
