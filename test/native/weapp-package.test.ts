/**
 * What ships to WeChat (dist/, built by `npm run build:weapp`, which `npm test` runs first): the local
 * identity switcher and its demo identities never do; the main package stays within budget; staff and
 * operator code stays in its subpackage; the native member code is registered where the card uses it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { weappPackages } from '../../bench/sizes'

const DIST = join(__dirname, '../../dist')
const MAIN_PACKAGE_BUDGET_BYTES = 500 * 1024

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]))

const filesContaining = (files: string[], needle: string) =>
  files.filter((file) => readFileSync(file, 'utf8').includes(needle)).map((file) => relative(DIST, file))

beforeAll(() => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
})

describe('the weapp build', () => {
  it('contains nothing of the H5-only local identity switcher', () => {
    const files = filesUnder(DIST)
    for (const needle of [
      '本地身份',
      'demo-shopper-a',
      'demo-shopper-b',
      'demo-assistant-1',
      'demo-operator-1',
      'x-local-openid',
      'vipcard.localOpenid',
    ]) {
      expect({ needle, files: filesContaining(files, needle) }).toEqual({ needle, files: [] })
    }
  })

  it('keeps the main package within 500 KB', () => {
    expect(weappPackages(DIST).main).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET_BYTES)
  })

  it('declares the staff, operator, privacy and member (me) subpackages with their pages', () => {
    expect(JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')).subPackages).toEqual([
      {
        root: 'staff',
        pages: [
          'index/index',
          'purchase/index',
          'refund/index',
          'redeem/index',
          'gift/index',
          'birthday/index',
          'events/index',
          'door/index',
          'customers/index',
          'customer/index',
          'today/index',
          'callbacks/index',
          'invite/index',
          'team/index',
        ],
      },
      {
        root: 'ops',
        pages: [
          'member/index',
          'campaigns/index',
          'events/index',
          'referrals/index',
          'export/index',
          'program/index',
          'segments/index',
          'dashboard/index',
          'customers/index',
          'customer/index',
          'posters/index',
          'desk-login/index',
          'desk-sessions/index',
        ],
      },
      { root: 'privacy', pages: ['index/index'] },
      { root: 'me', pages: ['handbook/index', 'profile/index', 'store/index'] },
      { root: 'pages/catalog', pages: ['index'] },
      { root: 'pages/campaigns', pages: ['index'] },
      { root: 'pages/invite', pages: ['index'] },
    ])
  })

  // Each action's name appears only in the code that calls it: where it is found, that code shipped.
  it.each([
    [
      'staff',
      [
        'recordPurchase',
        'lookupOrder',
        'recordRefund',
        'redeemPoints',
        'lookupCoupon',
        'undoCouponUse',
        'redeemGiftCoupon',
        'correctBirthday',
        '导购工作台',
        'storeEvents',
        'guestList',
        'logCallback',
        'updateCustomerCard',
        'callbackStats',
        '今日与本月',
        'revealPhone',
        'todayCounts',
      ],
    ],
    [
      'ops',
      [
        'memberLedger',
        'adjustPoints',
        'couponTemplates',
        'createCampaign',
        '会员积分审计',
        '创建会员活动',
        'updateProgram',
        'programHistory',
        'reviewReferral',
        'manageList',
        'closeCampaign',
        '客户分层',
        '数据看板',
        'storeCode',
        'storeDirectory',
      ],
    ],
    ['privacy', ['deleteMembership', 'myData']],
    ['me', ['updateProfile', 'changeStore', 'benefits__tier']],
  ])('keeps the %s pages in their own subpackage', (root, needles) => {
    const outside = filesUnder(DIST).filter((file) => !relative(DIST, file).startsWith(`${root}/`))
    const inside = filesUnder(join(DIST, root))
    for (const needle of needles) {
      expect({ needle, outside: filesContaining(outside, needle) }).toEqual({ needle, outside: [] })
      expect(filesContaining(inside, needle).length).toBeGreaterThan(0)
    }
  })

  it('registers the native member-code component on the card page and ships its files', () => {
    const cardConfig = JSON.parse(readFileSync(join(DIST, 'pages/card/index.json'), 'utf8'))
    expect(cardConfig.usingComponents['member-code']).toBe('../../components/member-code/index')
    for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(existsSync(join(DIST, `components/member-code/index.${ext}`))).toBe(true)
  })

  it('leaves no `process` reference behind (WeChat has no process object)', () => {
    const scripts = filesUnder(DIST).filter((file) => file.endsWith('.js'))
    expect(scripts.filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(DIST, file))).toEqual([])
  })

  it('fetches the card’s quick-action subpackages while the card is shown, under their old paths', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
    expect(app.preloadRule).toEqual({
      'pages/card/index': { network: 'all', packages: ['pages/catalog', 'pages/campaigns', 'pages/invite'] },
    })
    for (const page of ['pages/catalog/index', 'pages/campaigns/index', 'pages/invite/index'])
      expect(existsSync(join(DIST, `${page}.js`))).toBe(true)
  })

  it("ships the shopper's event pages in the main package, where the server's event messages lead", () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
    expect(app.pages).toEqual(expect.arrayContaining(['pages/events/index', 'pages/tickets/index']))
    for (const ext of ['js', 'json', 'wxml']) expect(existsSync(join(DIST, `pages/events/index.${ext}`))).toBe(true)
  })

  it('asks WeChat itself for the reminder consents, from the main package', () => {
    const main = filesUnder(DIST).filter((file) => !/^(staff|ops)\//.test(relative(DIST, file)))
    expect(filesContaining(main, 'requestSubscribeMessage').length).toBeGreaterThan(0)
  })

  it('calls the cloud through wx.cloud, not HTTP', () => {
    const files = filesUnder(DIST)
    expect(filesContaining(files, 'callFunction').length).toBeGreaterThan(0)
    expect(filesContaining(files, '/functions/')).toEqual([])
  })
})
