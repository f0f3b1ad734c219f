/**
 * A customer's record on the staff workbench (Taro's H5 runtime): the facts, the customer card edited with
 * each error at its row, the monthly callback logged with a request id kept until answered and the server's
 * refusals at their rows, and — for a store manager only — handing the customer to another assistant.
 */
import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/dom'
import type { CallbackEntry, CustomerView } from '../../src/api/contract'
import { fail, installFakeCloud, ok } from './support/fakeCloud'
import { STAFF } from './support/fixtures'
import { openPage, textOf, visiblePage } from './support/harness'
import { errorOf, pick, row, tap, typeInto } from './support/interact'
import { day, MANAGER, typeIntoTextarea, WU_QIAN, ZHANG_MIN, ZHAO_YA } from './support/workbench'

type Answer = ReturnType<typeof ok> | ReturnType<typeof fail> | Error
type LogInput = { memberCode: string; outcome: string; note: string; nextDate?: string; requestId: string }

const EARLIER: CallbackEntry = {
  at: day('2026-10-23', '16:20:00'),
  staffName: '王丽',
  outcome: 'reached',
  note: '大衣合身，想等新款礼服到店再来看',
  nextAt: day('2026-11-23', '09:00:00'),
}

interface Options {
  who?: typeof STAFF
  customer?: CustomerView
  logCallback?: (input: LogInput) => Answer
  updateCard?: (input: { profile: CustomerView['profile'] }) => Answer
  revealPhone?: () => ReturnType<typeof fail>
}

const openRecord = async ({ who = STAFF, customer = WU_QIAN, logCallback, updateCard, revealPhone }: Options = {}) => {
  let shown = customer
  let callbacks: CallbackEntry[] = [EARLIER]
  const cloud = installFakeCloud({
    'staff.whoami': () => ok(who),
    'staff.customer': () =>
      ok({
        customer: shown,
        callbacks,
        callbackDefaultDate: '2026-12-23',
        phoneReveals: who.role === 'manager' ? [{ staffName: '王丽', at: day('2026-11-22', '15:05:00') }] : null,
      }),
    'staff.logCallback': (raw) => {
      const input = raw as LogInput
      const answer = logCallback ? logCallback(input) : ok(null)
      if (answer instanceof Error || !answer.ok) return answer
      const nextAt = day(input.nextDate ?? '2026-12-23', '09:00:00')
      shown = { ...shown, nextCallbackAt: nextAt, lastCallbackAt: day('2026-11-23', '14:00:00') }
      callbacks = [
        {
          at: day('2026-11-23', '14:00:00'),
          staffName: who.name,
          outcome: input.outcome as CallbackEntry['outcome'],
          note: input.note,
          nextAt,
        },
        ...callbacks,
      ]
      return ok({ customer: shown, replayed: false })
    },
    'staff.updateCustomerCard': (raw) => {
      const input = raw as { profile: CustomerView['profile'] }
      const answer = updateCard ? updateCard(input) : ok(null)
      if (answer instanceof Error || !answer.ok) return answer
      shown = { ...shown, profile: { ...shown.profile, ...input.profile } }
      return ok({ customer: shown })
    },
    'staff.revealPhone': () => (revealPhone ? revealPhone() : ok({ mobile: '13700002101' })),
    'staff.storeStaff': () =>
      ok({
        staff: [
          { staffId: 'A01', name: '王丽', role: 'assistant' },
          { staffId: 'M01', name: '周慧', role: 'manager' },
          { staffId: 'A03', name: '赵敏', role: 'assistant' },
        ],
      }),
    'staff.reassign': (raw) => {
      const { staffId } = raw as { staffId: string }
      shown = { ...shown, assistant: { staffId, name: staffId === 'A03' ? '赵敏' : '周慧' } }
      return ok({ customer: shown })
    },
  })
  await openPage(`/staff/customer/index?no=${customer.memberNo}`)
  await screen.findByText('顾客资料卡')
  const of = (action: string) => cloud.calls.filter((c) => c.action === action).map((c) => c.input)
  return { of }
}

const fact = (label: string) =>
  Array.from(visiblePage().querySelectorAll('.facts__row'))
    .find((r) => r.querySelector('.facts__label')?.textContent === label)
    ?.querySelector('.facts__value')?.textContent
const option = (name: string) =>
  Array.from(visiblePage().querySelectorAll<HTMLElement>('.pills__option')).find((o) => o.textContent === name)!

describe('the record', () => {
  it('shows who the customer is, what they are worth, when last seen and who looks after them', async () => {
    await openRecord({ customer: ZHAO_YA })
    expect(textOf('.customer-summary__name')).toBe('赵雅')
    expect(textOf('.customer-summary .tier-badge')).toBe('VIP会员')
    expect(textOf('.customer-summary .class-badge')).toBe('C类')
    expect(textOf('.customer-summary__id')).toBe('会员号 2026 1123 119 · 137****2101')
    expect(fact('可用积分')).toBe('736')
    expect(fact('累计消费')).toBe('¥879')
    expect(fact('消费次数')).toBe('2 次')
    expect(fact('上次消费')).toBe('2026-10-19')
    expect(fact('上次到店')).toBe('2026-10-19')
    expect(fact('生日')).toBe('5月9日')
    expect(fact('会员有效期')).toBe('至 2026-12-13')
    expect(fact('下次回访')).toBe('未安排')
    expect(fact('负责导购')).toBe('王丽')
    // A shop assistant cannot hand customers over.
    expect(screen.queryByText('更换导购')).toBeNull()
  })

  it('shows the callback history, newest first, with the next date agreed', async () => {
    await openRecord()
    expect(textOf('.callback-entry__head')).toBe('2026-10-23 16:20 · 王丽 · 已沟通')
    expect(textOf('.callback-entry__note')).toBe('大衣合身，想等新款礼服到店再来看')
    expect(textOf('.callback-entry__next')).toBe('下次回访 2026-11-23')
  })

  it('tells why it cannot open another store’s customer', async () => {
    installFakeCloud({ 'staff.whoami': () => ok(STAFF), 'staff.customer': () => fail('FORBIDDEN', '该会员不属于本店') })
    await openPage('/staff/customer/index?no=20261123101')
    await screen.findByText('顾客资料暂时打不开')
    expect(screen.getByText('该会员不属于本店')).toBeTruthy()
  })
})

describe('a membership whose number was already another’s at join', () => {
  it('says so to the store, which checks who the customer is; a confirmed number says nothing', async () => {
    await openRecord({ customer: { ...ZHANG_MIN, mobileUnconfirmed: true } })
    expect(textOf('.customer-summary__unconfirmed')).toBe(
      '手机号未核实：入会时该号码已登记在另一张会员卡上。请核实顾客身份，换了微信的老会员可按手机后 4 位和姓名找到原卡',
    )
    await openRecord({ customer: ZHANG_MIN })
    expect(visiblePage().querySelector('.customer-summary__unconfirmed')).toBeNull()
  })
})

/** The chips of a card row, as shown: "M*" when chosen. */
const chipsOf = (label: string) =>
  Array.from(row(label).querySelectorAll('.chips__chip'), (c) => `${c.textContent}${c.classList.contains('chips__chip--on') ? '*' : ''}`)
const chip = (label: string, value: string) =>
  fireEvent.click(Array.from(row(label).querySelectorAll('.chips__chip')).find((c) => c.textContent === value)!)

describe('the customer card', () => {
  it('shows what is on file, and saves sizes and colours tapped as chips (a size tapped again is cleared)', async () => {
    const { of } = await openRecord({ customer: ZHANG_MIN })
    const shownRows = () =>
      Array.from(visiblePage().querySelectorAll('.profile-row'), (r) => `${r.children[0].textContent}:${r.children[1].textContent}`)
    expect(shownRows()).toEqual(['服装尺码:S', '鞋码:36', '喜欢的颜色:米白、雾蓝', '喜欢的风格:通勤', '备注:偏爱针织开衫'])
    tap('编辑')
    await waitFor(() => expect(chipsOf('服装尺码')).toEqual(['XS', 'S*', 'M', 'L', 'XL', 'XXL', '3XL', '均码']))
    expect(chipsOf('鞋码').filter((c) => c.endsWith('*'))).toEqual(['36*'])
    chip('服装尺码', 'M')
    chip('鞋码', '36')
    chip('喜欢的颜色', '驼色')
    await waitFor(() => expect(chipsOf('服装尺码').filter((c) => c.endsWith('*'))).toEqual(['M*']))
    // Shown in the palette's order; saved in the order tapped.
    expect(chipsOf('喜欢的颜色').filter((c) => c.endsWith('*'))).toEqual(['米白*', '驼色*', '雾蓝*'])
    expect(chipsOf('鞋码').filter((c) => c.endsWith('*'))).toEqual([])
    await typeIntoTextarea('备注', '喜欢羊绒，换季通知')
    tap('保存资料')
    await screen.findByText('已保存顾客资料')
    expect(of('updateCustomerCard')).toEqual([
      {
        memberCode: '20261123101',
        profile: { clothingSize: 'M', shoeSize: '', colours: ['米白', '雾蓝', '驼色'], styles: ['通勤'], notes: '喜欢羊绒，换季通知' },
      },
    ])
    expect(shownRows()).toEqual(['服装尺码:M', '喜欢的颜色:米白、雾蓝、驼色', '喜欢的风格:通勤', '备注:喜欢羊绒，换季通知'])
  })

  it('keeps a size and a colour on file that the chips do not list, shown after them, until tapped away', async () => {
    const legacy = { ...ZHANG_MIN, profile: { clothingSize: '170/88A', colours: ['孔雀蓝', '米白'] } }
    const { of } = await openRecord({ customer: legacy })
    tap('编辑')
    await waitFor(() => expect(chipsOf('服装尺码').slice(-2)).toEqual(['均码', '170/88A*']))
    expect(chipsOf('喜欢的颜色').filter((c) => c.endsWith('*'))).toEqual(['米白*', '孔雀蓝*'])
    tap('保存资料')
    await screen.findByText('已保存顾客资料')
    expect(of('updateCustomerCard')[0]).toMatchObject({ profile: { clothingSize: '170/88A', colours: ['孔雀蓝', '米白'] } })
  })

  it('takes at most 10 colours: an eleventh tap changes nothing', async () => {
    await openRecord({ customer: ZHANG_MIN })
    tap('编辑')
    await waitFor(() => expect(chipsOf('喜欢的颜色').length).toBe(12))
    for (const c of ['黑色', '白色', '燕麦', '驼色', '卡其', '灰色', '藏青', '墨绿', '酒红']) chip('喜欢的颜色', c)
    await waitFor(() => expect(chipsOf('喜欢的颜色').filter((c) => c.endsWith('*')).length).toBe(10))
    expect(chipsOf('喜欢的颜色')).toContain('粉色')
    expect(chipsOf('喜欢的颜色')).not.toContain('酒红*')
    expect(row('喜欢的颜色').querySelector('.field__hint')!.textContent).toBe('可多选，最多 10 项')
  })

  it('shows the customer’s own delivery address with the phone as the server masked it, and never sends it back', async () => {
    const address = { recipient: '张敏', phoneMasked: '138****5678', address: '上海市静安区南京西路1515号' }
    const { of } = await openRecord({ customer: { ...ZHANG_MIN, profile: { ...ZHANG_MIN.profile, deliveryAddress: address } } })
    const shownRows = () =>
      Array.from(visiblePage().querySelectorAll('.profile-row'), (r) => `${r.children[0].textContent}:${r.children[1].textContent}`)
    expect(shownRows()).toContain('收货地址:张敏 138****5678 上海市静安区南京西路1515号')
    tap('编辑')
    await waitFor(() => expect(chipsOf('服装尺码').length).toBeGreaterThan(0))
    chip('服装尺码', 'M')
    await waitFor(() => expect(chipsOf('服装尺码')).toContain('M*'))
    tap('保存资料')
    await screen.findByText('已保存顾客资料')
    expect(of('updateCustomerCard')).toEqual([
      {
        memberCode: '20261123101',
        profile: { clothingSize: 'M', shoeSize: '36', colours: ['米白', '雾蓝'], styles: ['通勤'], notes: '偏爱针织开衫' },
      },
    ])
    expect(shownRows()).toContain('收货地址:张敏 138****5678 上海市静安区南京西路1515号')
  })

  it('puts the server’s refusal of a style at its row', async () => {
    const { of } = await openRecord({
      customer: ZHANG_MIN,
      updateCard: () => fail('INVALID_INPUT', '输入有误', [{ field: 'profile.styles.0', message: '喜欢的风格每项最多 10 个字' }]),
    })
    tap('编辑')
    await typeInto('喜欢的风格', '通勤 极简')
    tap('保存资料')
    await waitFor(() => expect(errorOf('喜欢的风格')).toBe('喜欢的风格每项最多 10 个字'))
    expect(of('updateCustomerCard')).toHaveLength(1)
    expect(errorOf('喜欢的颜色')).toBeNull()
    expect(screen.queryByText('输入有误')).toBeNull()
  })
})

describe('记录回访', () => {
  it('asks for the outcome first, at its row, without asking the server', async () => {
    const { of } = await openRecord()
    tap('保存回访')
    await waitFor(() => expect(row('回访结果').querySelector('.field__error')?.textContent).toBe('请选择回访结果'))
    expect(of('logCallback')).toEqual([])
  })

  it('proposes the server’s next date and shows its refusal of another date at that row', async () => {
    await openRecord({
      logCallback: (input) =>
        input.nextDate === '2026-11-20'
          ? fail('INVALID_INPUT', '下次回访日期应在今天之后', [{ field: 'nextDate', message: '下次回访日期应在今天之后' }])
          : ok(null),
    })
    expect(row('下次回访').querySelector('.callback-date')!.textContent).toBe('2026-12-23')
    expect(row('下次回访').querySelector('.field__hint')!.textContent).toBe('默认按每月回访安排，可修改')
    tap('已留言')
    await waitFor(() => expect(option('已留言').classList.contains('pills__option--on')).toBe(true))
    pick('下次回访', '2026-11-20')
    await waitFor(() => expect(row('下次回访').querySelector('.callback-date')!.textContent).toBe('2026-11-20'))
    tap('保存回访')
    await waitFor(() => expect(errorOf('下次回访')).toBe('下次回访日期应在今天之后'))
    expect(visiblePage().querySelector('.form-error')).toBeNull()
  })

  it('keeps the request id through an unanswered attempt, logs once, then starts the next callback afresh', async () => {
    let attempts = 0
    const { of } = await openRecord({ logCallback: () => (++attempts === 1 ? new Error('socket hang up') : ok(null)) })
    tap('已沟通')
    await waitFor(() => expect(option('已沟通').classList.contains('pills__option--on')).toBe(true))
    await typeIntoTextarea('回访记录', '约了周六来试礼服')
    pick('下次回访', '2026-12-05')
    tap('保存回访')
    await screen.findByText('未收到结果，可放心重试：同一次回访不会重复记录。')
    expect(screen.getByText('网络开小差了，请稍后再试')).toBeTruthy()
    tap('重试保存')
    await screen.findByText('已记录回访：已沟通，下次回访 2026-12-05')
    const [first, retry] = of('logCallback') as LogInput[]
    expect(retry).toEqual({
      memberCode: WU_QIAN.memberNo,
      outcome: 'reached',
      note: '约了周六来试礼服',
      nextDate: '2026-12-05',
      requestId: first.requestId,
    })
    // The record is read again: the history and the next date show the new callback.
    await waitFor(() => expect(fact('下次回访')).toBe('2026-12-05'))
    expect(textOf('.callback-entry__head')).toBe('2026-11-23 14:00 · 王丽 · 已沟通')
    // The form starts over; the next callback is another request.
    expect(visiblePage().querySelector('.callback-outcome .pills__option--on')).toBeNull()
    expect(row('下次回访').querySelector('.callback-date')!.textContent).toBe('2026-12-23')
    tap('未接通')
    await waitFor(() => expect(option('未接通').classList.contains('pills__option--on')).toBe(true))
    tap('保存回访')
    await screen.findByText('已记录回访：未接通，下次回访 2026-12-23')
    const third = (of('logCallback') as LogInput[])[2]
    expect(third.requestId).not.toBe(first.requestId)
    expect(third.nextDate).toBe('2026-12-23')
  })
})

describe('联系顾客', () => {
  const inContact = (text: string) =>
    Array.from(visiblePage().querySelectorAll<HTMLElement>('.contact .pills__option, .contact taro-button-core')).find(
      (e) => e.textContent === text,
    )!
  const contactText = () => visiblePage().querySelector('.contact')!.textContent!

  it('reveals the number to the customer’s own assistant, then logs how the call went with one tap', async () => {
    const { of } = await openRecord()
    expect(visiblePage().querySelector('.contact__number')).toBeNull()
    expect(contactText()).toContain('号码已隐藏，拨打时显示，每次查看都会记录')
    expect(visiblePage().querySelector('.contact__outcomes')).toBeNull()
    fireEvent.click(inContact('拨打电话'))
    await waitFor(() => expect(textOf('.contact__number')).toBe('137 0000 2101'))
    expect(of('revealPhone')).toEqual([{ memberCode: WU_QIAN.memberNo, requestId: expect.stringMatching(/^[a-z0-9-]{8,64}$/) }])
    // The browser preview cannot dial: it says so.
    expect(contactText()).toContain('预览中不能拨号，请用手机拨打；本次查看已记录')
    expect(textOf('.contact__label')).toBe('通话结果：点一下即记录回访')
    fireEvent.click(inContact('未接通'))
    await waitFor(() => expect(textOf('.contact__logged')).toBe('已记录回访：未接通，下次回访 2026-12-23'))
    // No note and no date: the server's rhythm decides the next callback.
    expect(of('logCallback')).toEqual([{ memberCode: WU_QIAN.memberNo, outcome: 'noAnswer', requestId: expect.any(String) }])
    expect(visiblePage().querySelector('.contact__outcomes')).toBeNull()
    // The record was read again: the history shows the call.
    await waitFor(() => expect(textOf('.callback-entry__head')).toBe('2026-11-23 14:00 · 王丽 · 未接通'))
    // Calling again dials the number shown: no second reveal.
    fireEvent.click(inContact('拨打电话'))
    await waitFor(() => expect(visiblePage().querySelector('.contact__outcomes')).not.toBeNull())
    expect(of('revealPhone')).toHaveLength(1)
  })

  it('dials in WeChat with the revealed number', async () => {
    const dial = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue(undefined as never)
    process.env.TARO_ENV = 'weapp'
    try {
      await openRecord()
      fireEvent.click(inContact('拨打电话'))
      await waitFor(() => expect(dial).toHaveBeenCalledWith({ phoneNumber: '13700002101' }))
      // The dial and the note come from the same answer, rendered a tick apart: under load the note can follow.
      await waitFor(() => expect(contactText()).toContain('号码仅用于联系顾客，本次查看已记录'))
    } finally {
      process.env.TARO_ENV = 'h5'
      dial.mockRestore()
    }
  })

  it('shows the server’s refusal and offers no outcomes', async () => {
    const dial = jest.spyOn(Taro, 'makePhoneCall')
    await openRecord({ revealPhone: () => fail('FORBIDDEN', '仅负责该顾客的导购可以查看完整手机号') })
    fireEvent.click(inContact('拨打电话'))
    await screen.findByText('仅负责该顾客的导购可以查看完整手机号')
    expect(visiblePage().querySelector('.contact__number')).toBeNull()
    expect(visiblePage().querySelector('.contact__outcomes')).toBeNull()
    expect(dial).not.toHaveBeenCalled()
    dial.mockRestore()
  })

  it('offers no call to a colleague or the manager, and says whose number it is', async () => {
    const { of } = await openRecord({ customer: { ...WU_QIAN, assistant: { staffId: 'A03', name: '赵敏' } } })
    expect(inContact('拨打电话')).toBeUndefined()
    expect(contactText()).toContain('手机号仅负责导购（赵敏）可查看')
    await openRecord({ who: MANAGER })
    expect(inContact('拨打电话')).toBeUndefined()
    expect(contactText()).toContain('手机号仅负责导购可查看。如需由您联系，请先「更换导购」为自己')
    await openRecord({ customer: { ...WU_QIAN, mobileUnconfirmed: true } })
    expect(inContact('拨打电话')).toBeUndefined()
    expect(contactText()).toContain('手机号未核实，暂不能拨打')
    expect(of('revealPhone')).toEqual([])
  })

  it('copies a message signed by the assistant and the store, birthday wishes in the birthday month', async () => {
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue(undefined as never)
    try {
      // The phone's month picks the first template offered.
      const thisMonth = new Date(Date.now() + 8 * 3_600_000).getUTCMonth() + 1
      const otherMonth = (thisMonth % 12) + 1
      await openRecord({ customer: { ...WU_QIAN, birthday: { month: otherMonth, day: 1 } } })
      expect(textOf('.contact__message .pills__option--on')).toBe('日常问候')
      await openRecord({ customer: { ...WU_QIAN, birthday: { month: thisMonth, day: 1 } } })
      expect(textOf('.contact__message .pills__option--on')).toBe('生日祝福')
      fireEvent.click(inContact('新品到店'))
      await waitFor(() => expect(textOf('.contact__template')).toContain('新一季新品已经到店'))
      const text = textOf('.contact__template') ?? ''
      expect(text.startsWith(`${WU_QIAN.name}您好，我是上海静安嘉里中心店的导购王丽。`)).toBe(true)
      expect(text).not.toMatch(/\d{4}/)
      fireEvent.click(inContact('复制话术'))
      await screen.findByText('已复制，可粘贴到微信发给顾客')
      expect(copy).toHaveBeenCalledWith({ data: text })
    } finally {
      copy.mockRestore()
    }
  })
})

describe('号码查看记录', () => {
  it('shows the store manager who saw the full number and when; an assistant sees no such panel', async () => {
    await openRecord({ who: MANAGER })
    expect(textOf('.reveal-entry')).toBe('2026-11-22 15:05 · 王丽 查看了完整号码')
    await openRecord()
    expect(screen.queryByText('号码查看记录')).toBeNull()
  })
})

describe('更换导购', () => {
  it('is only for a store manager: pick another of the store’s staff, confirm, and the record says who now', async () => {
    const { of } = await openRecord({ who: MANAGER })
    tap('更换导购')
    await screen.findByText('赵敏')
    // Whoever looks after the customer now is not offered.
    expect(
      Array.from(visiblePage().querySelectorAll('.pills__option'), (o) => o.textContent).filter(
        (t) => !['已沟通', '已留言', '未接通', '婉拒回访', '日常问候', '生日祝福', '新品到店', '好久不见'].includes(t!),
      ),
    ).toEqual(['周慧（店长）', '赵敏'])
    tap('下一步')
    await screen.findByText('请选择接手的导购')
    tap('赵敏')
    await waitFor(() => expect(option('赵敏').classList.contains('pills__option--on')).toBe(true))
    tap('下一步')
    await screen.findByText('将 吴倩 由 王丽 改为 赵敏 负责？')
    expect(of('reassign')).toEqual([])
    tap('确认更换')
    await screen.findByText('已改由 赵敏 负责')
    expect(of('reassign')).toEqual([{ memberCode: WU_QIAN.memberNo, staffId: 'A03' }])
    expect(fact('负责导购')).toBe('赵敏')
  })
})
