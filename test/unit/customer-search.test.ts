import { customerSearchProblem, parseCustomerSearch } from '../../src/domain/customerSearch'

describe('the customer search', () => {
  it('takes a name’s start, the phone’s last 4 digits, or both', () => {
    expect(parseCustomerSearch('钱')).toEqual({ ok: true, search: { name: '钱' } })
    expect(parseCustomerSearch('5678')).toEqual({ ok: true, search: { phoneLast4: '5678' } })
    expect(parseCustomerSearch('钱5678')).toEqual({ ok: true, search: { name: '钱', phoneLast4: '5678' } })
    expect(parseCustomerSearch('欧阳 娜 5678')).toEqual({ ok: true, search: { name: '欧阳 娜', phoneLast4: '5678' } })
    expect(customerSearchProblem('  ')).toBeNull()
  })

  it('never more digits than the mask shows (each one more would be a question about the hidden middle), nor fewer', () => {
    for (const more of ['05678', '45678', '12345678', '13912345678', '钱45678', '138 1234 5678', '139-1234-5678', '12 5678']) {
      expect({ more, problem: customerSearchProblem(more) }).toEqual({ more, problem: '手机号只能按后 4 位搜索' })
    }
    expect(customerSearchProblem('678')).toBe('手机尾号请输入 4 位')
    expect(customerSearchProblem('钱78')).toBe('手机号只能按后 4 位搜索')
  })
})
