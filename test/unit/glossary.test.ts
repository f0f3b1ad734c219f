/** The glossary's checks: what they flag on a page's text and what they let through. */
import { englishWordsIn, glossaryProblems, misnomersIn } from '../../src/wording/glossary'

describe('misnomers', () => {
  it('flags 余额 for points and the second names of gift coupons', () => {
    expect(misnomersIn('+520 余额 1,775').map((m) => m.word)).toEqual(['余额'])
    expect(misnomersIn('请到赠品券核销').map((m) => m.word)).toEqual(['赠品券'])
  })

  it('does not flag a word inside the right term', () => {
    expect(misnomersIn('领券中心')).toEqual([])
    expect(misnomersIn('优惠券中心').map((m) => m.say)).toEqual(['领券中心'])
  })

  it('passes the right words', () => {
    expect(misnomersIn('可用积分 1,775 · 剩余 1,775 · 礼品券核销 · 会员号 1234')).toEqual([])
  })
})

describe('English on a shopper page', () => {
  it('finds English words, once each', () => {
    expect(englishWordsIn('生成一份文件（JSON 格式）JSON openid')).toEqual(['JSON', 'openid'])
    expect(englishWordsIn('NO. 1234 5678')).toEqual(['NO'])
  })

  it('lets through VIP, the wordmarks and identifiers that mix letters with digits', () => {
    expect(
      englishWordsIn('VIP会员 · MEMBER CARD · VIP CARD · 门店 SH001 · 导购 A01 · 订单 POS-20261203-7 · ¥500 · 尺码 XS S XL XXL 3XL'),
    ).toEqual([])
  })

  it('checks English on shopper pages only, misnomers everywhere', () => {
    expect(glossaryProblems('JSON 余额', 'staff')).toEqual([expect.stringContaining('“余额”')])
    expect(glossaryProblems('JSON 余额', 'shopper')).toEqual([expect.stringContaining('“余额”'), "English on a shopper's page: “JSON”"])
  })
})
