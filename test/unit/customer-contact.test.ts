/**
 * Reaching the customer from the workbench (issue 20, item 9) apart from Taro: sizes and colours as chips (the
 * lists are data; what is on file stays), the messages to copy, the tile's figures, a revealed number as read aloud.
 */
import { CLOTHING_SIZES, COLOURS, MAX_COLOURS, chipOptions, toggleChip } from '../../src/domain/preferences'
import { CustomerProfileSchema } from '../../src/api/staffSchemas'
import { check } from '../../src/api/fields'
import { MESSAGE_TEMPLATES, spacedMobile, suggestedTemplate, templateText, todayTileCounts } from '../../src/wording/workbench'
import { at } from '../support/clock'

describe('chips', () => {
  it('offers the list, then what is on file that the list lacks', () => {
    expect(chipOptions(CLOTHING_SIZES, ['170/88A'])).toEqual([...CLOTHING_SIZES, '170/88A'])
    expect(chipOptions(CLOTHING_SIZES, ['M'])).toEqual([...CLOTHING_SIZES])
  })

  it('takes one size: a tap chooses it, a tap on the chosen one clears it', () => {
    expect(toggleChip([], 'M', { multiple: false })).toEqual(['M'])
    expect(toggleChip(['M'], 'L', { multiple: false })).toEqual(['L'])
    expect(toggleChip(['M'], 'M', { multiple: false })).toEqual([])
  })

  it('takes several colours in the order tapped, never more than the schema allows', () => {
    expect(toggleChip(['米白'], '驼色', { multiple: true, max: MAX_COLOURS })).toEqual(['米白', '驼色'])
    expect(toggleChip(['米白', '驼色'], '米白', { multiple: true, max: MAX_COLOURS })).toEqual(['驼色'])
    const full = COLOURS.slice(0, MAX_COLOURS)
    expect(toggleChip(full, COLOURS[MAX_COLOURS], { multiple: true, max: MAX_COLOURS })).toEqual(full)
    // The server's own schema takes the fullest choice the chips allow, and every listed value.
    expect(check(CustomerProfileSchema, { colours: [...full], clothingSize: '3XL', shoeSize: '45' }).ok).toBe(true)
    expect(check(CustomerProfileSchema, { colours: [...COLOURS] }).ok).toBe(false)
    for (const size of CLOTHING_SIZES) expect(check(CustomerProfileSchema, { clothingSize: size }).ok).toBe(true)
  })
})

describe('messages to copy', () => {
  const who = { customerName: '张敏', staffName: '王丽', storeName: '上海静安嘉里中心店' }

  it('are signed by the assistant and the store, and carry no number, link or figure', () => {
    for (const kind of MESSAGE_TEMPLATES) {
      const text = templateText(kind, who)
      expect(text.startsWith('张敏您好，我是上海静安嘉里中心店的导购王丽。')).toBe(true)
      expect(text).not.toMatch(/\d|http|¥|元|折/)
    }
    expect(new Set(MESSAGE_TEMPLATES.map((k) => templateText(k, who))).size).toBe(MESSAGE_TEMPLATES.length)
  })

  it('offer birthday wishes first in the birthday month, by the Shanghai calendar', () => {
    // 30 November 23:30 in Shanghai is still November there (15:30 UTC); 1 December 00:30 is December.
    expect(suggestedTemplate({ birthday: { month: 11, day: 3 } }, at('2026-11-30T23:30:00'))).toBe('birthday')
    expect(suggestedTemplate({ birthday: { month: 11, day: 3 } }, at('2026-12-01T00:30:00'))).toBe('greeting')
  })
})

describe('the workbench tile and the revealed number', () => {
  it('says each list’s figure, marking the lists with someone in them', () => {
    expect(todayTileCounts({ birthdays: 2, lapsing: 0, winBack: 7, callbacksDue: 1 })).toEqual([
      { text: '本月生日 2', some: true },
      { text: 'VIP将到期 0', some: false },
      { text: '久未到店 7', some: true },
      { text: '待回访 1', some: true },
    ])
  })

  it('groups a mobile number as people read it aloud, and leaves anything else as it is', () => {
    expect(spacedMobile('13812345678')).toBe('138 1234 5678')
    expect(spacedMobile('021-6288-0001')).toBe('021-6288-0001')
  })
})
