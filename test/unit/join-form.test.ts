/** The join form's rules apart from Taro (src/pages/join/joinForm.ts): what a draft sends, in each phone mode. */
import { PRIVACY_NOTICE_VERSION } from '../../src/api/privacy'
import { AppError } from '../../src/domain/errors'
import { EMPTY_DRAFT, joinErrorsFrom, validateJoin, type JoinDraft } from '../../src/pages/join/joinForm'

const today = { year: 2026, month: 11, day: 23 }
const arrival = { scene: 's=SH001&a=A01' }
const ready: JoinDraft = { ...EMPTY_DRAFT, birthMonth: 6, birthDay: 18, consent: true }

describe('the join form', () => {
  it('starts with WeChat giving the number and nothing typed: only the birthday and the consent are missing', () => {
    const result = validateJoin(EMPTY_DRAFT, arrival, today)
    expect(result).toEqual({ ok: false, errors: { birthday: '请选择生日', consent: '请阅读并同意会员协议和隐私政策' } })
  })

  it('sends the code WeChat gave instead of a number, and no name when none was given', () => {
    const result = validateJoin(ready, arrival, today, 'c0de')
    expect(result).toEqual({
      ok: true,
      input: {
        name: '',
        phoneCode: 'c0de',
        birthday: { month: 6, day: 18 },
        consent: { accepted: true, version: PRIVACY_NOTICE_VERSION },
        scene: 's=SH001&a=A01',
      },
    })
  })

  it('sends a typed number, never a code, once the shopper types it', () => {
    expect(validateJoin({ ...ready, phoneMode: 'typed' }, arrival, today, 'c0de')).toEqual({
      ok: false,
      errors: { mobile: '请填写 11 位手机号' },
    })
    const typed = validateJoin({ ...ready, phoneMode: 'typed', mobile: '13800138000', name: ' 张敏 ' }, arrival, today, 'c0de')
    expect(typed).toMatchObject({ ok: true, input: { name: '张敏', mobile: '13800138000' } })
    expect(typed.ok && typed.input).not.toHaveProperty('phoneCode')
  })

  it('puts an expired code’s refusal on the phone row', () => {
    expect(joinErrorsFrom(new AppError('PHONE_CODE_INVALID', '手机号授权已过期'), 'x')).toEqual({ mobile: '手机号授权已过期' })
    expect(joinErrorsFrom(new AppError('INTERNAL', '网络'), 'x')).toEqual({ form: '网络' })
  })
})
