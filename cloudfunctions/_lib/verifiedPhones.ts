/**
 * The number WeChat verified for the caller, from the getPhoneNumber button's one-time code. The code is the
 * caller's only (`openid` makes WeChat check that) and resolves once within 5 minutes; anything else is 40029
 * (47001 for a malformed one), a typed refusal the page answers by asking again (`words` say how). Only
 * mainland numbers make a card.
 */
import { AppError, invalidInput } from '../../src/domain/errors'
import { verifiedMobileOf } from '../../src/domain/member'
import { openApi } from './cloud'

export const verifiedMobile = async (code: string, openid: string, words: { askAgain: string; otherwise: string }): Promise<string> => {
  let answer: Awaited<ReturnType<ReturnType<typeof openApi>['phonenumber']['getPhoneNumber']>>
  try {
    answer = await openApi().phonenumber.getPhoneNumber({ code, openid })
  } catch (e) {
    const errCode = (e as { errCode?: unknown }).errCode
    if (errCode === 40029 || errCode === 47001) throw new AppError('PHONE_CODE_INVALID', `手机号授权已过期，${words.askAgain}`)
    throw e
  }
  const mobile = verifiedMobileOf(answer.phoneInfo)
  if (!mobile) throw invalidInput([{ field: 'mobile', message: `会员卡暂只支持中国大陆手机号${words.otherwise}` }])
  return mobile
}
