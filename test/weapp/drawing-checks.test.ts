/**
 * The page checks of pages.test.ts can fail: with templates broken on purpose (a copy of dist/ whose base.wxml
 * has lost a component's template, or whose text template draws nothing), the nothing-dropped check names the
 * lost nodes by their data path; a line the weapp lacks fails the text parity unless it is a known platform
 * wording or a line of the clock.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { LocalCloud } from '../../localcloud'
import { drawPage, loadTemplates, textOfDrawing } from '../support/weapp/draw'
import { undrawn } from '../support/weapp/dropped'
import { missingFromWeapp } from '../support/weapp/parity'
import { startDemoCloud, type DemoCloud } from '../support/demoCloud'
import { weappPhone, type WeappPhone } from '../support/weapp/phone'
import { tempDir } from '../support/temp'

const DIST = resolve(__dirname, '../../dist')

let cloud: LocalCloud
let demo: DemoCloud
let phone: WeappPhone
let broken: string

beforeAll(async () => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
  demo = await startDemoCloud('vipcard-weapp-checks-', { dbLatencyMs: 0 })
  cloud = demo.cloud
  phone = weappPhone(DIST, (name, data, openid) => cloud.invoke(name, data, { openid }))
  await phone.open('pages/card/index', {}, 'demo-shopper-b')
  await showCode()
}, 60_000)

/** Whether the page's tree holds the native member code (the component whose lost template a check simulates). */
const codeShown = () => JSON.stringify(phone.weapp.current()!.instance.data.root).includes('"nn":"member-code"')

/** The member code full screen; tapped again if a refresh of the card on a loaded machine closed it. */
const showCode = async () => {
  for (let tries = 0; tries < 3 && !codeShown(); tries++) {
    if (tries > 0) await new Promise((r) => setTimeout(r, 500))
    await phone.tap('出示会员码')
  }
  if (!codeShown()) throw new Error('the card page shows no member code after tapping 出示会员码')
}

afterAll(async () => {
  phone?.close()
  await demo?.close()
})

beforeEach(() => {
  broken = tempDir('vipcard-broken-templates-')
  cpSync(DIST, broken, { recursive: true })
})
afterEach(() => rmSync(broken, { recursive: true, force: true }))

const breakBase = (change: (wxml: string) => string) =>
  writeFileSync(join(broken, 'base.wxml'), change(readFileSync(join(broken, 'base.wxml'), 'utf8')))

describe('nothing dropped', () => {
  it('finds every node of the card drawn by the real templates', () => {
    expect(undrawn(phone.weapp.current()!.instance.data, phone.draw())).toEqual([])
  })

  it('draws a tree deeper than base.wxml’s levels through Taro’s comp component, dropping nothing', () => {
    const card = phone.weapp.current()!
    const root = card.instance.data.root as { cn: unknown[] }
    // The card's tree under 20 more plain views: past the 15 template levels Taro generates.
    let deep: unknown[] = root.cn
    for (let level = 20; level > 0; level--) deep = [{ nn: '3', sid: `_deep${level}`, cl: `deep-${level}`, cn: deep }]
    const deeper = {
      ...card,
      instance: { ...card.instance, data: { ...card.instance.data, root: { ...root, cn: deep } } },
      components: new Map(),
    }
    const drawing = drawPage(phone.templates, phone.weapp, deeper)
    expect(undrawn(deeper.instance.data, drawing)).toEqual([])
    expect([...deeper.components.values()].some((c) => c.path === 'comp')).toBe(true)
    expect(textOfDrawing(drawing)).toContain('李娜')
    for (const c of deeper.components.values()) c.detach()
  })

  it('names the nodes a lost component template leaves undrawn (the member code)', async () => {
    await showCode()
    breakBase((wxml) => wxml.replace(/<template name="tmpl_(\d+)_member-code">/g, '<template name="tmpl_$1_gone">'))
    const templates = loadTemplates(broken)
    const missing = undrawn(phone.weapp.current()!.instance.data, drawPage(templates, phone.weapp))
    expect(missing).toEqual([expect.stringMatching(/^root\.cn\[0\](\.cn\[\d+\])+ <member-code>$/)])
    expect(templates.warnings).toEqual([expect.stringContaining('Template `tmpl_')])
  })

  it('names each text a template that draws nothing loses, with its data path', () => {
    breakBase((wxml) => wxml.replace(/<template name="tmpl_0_5">[\s\S]*?<\/template>/, '<template name="tmpl_0_5"></template>'))
    const missing = undrawn(phone.weapp.current()!.instance.data, drawPage(loadTemplates(broken), phone.weapp))
    expect(missing).toEqual(expect.arrayContaining([expect.stringMatching(/^root\.cn\[0\](\.cn\[\d+\])+ <5 class="member-card__name">$/)]))
  })
})

describe('the WeChat stand-in', () => {
  it('answers only APIs WeChat has (miniprogram-api-typings, by WeChat)', () => {
    const typings = readFileSync(require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts'), 'utf8')
    const wx = typings.slice(typings.indexOf('interface Wx {'))
    const declared = new Set([...wx.matchAll(/^ {8}(\w+)[<(:]/gm)].map((m) => m[1]))
    expect(declared.size).toBeGreaterThan(300)
    expect(phone.weapp.answeredApis().filter((api) => !declared.has(api))).toEqual([])
  })

  it('refuses to open a page app.json does not declare, as WeChat does', async () => {
    const wx = (globalThis as unknown as { wx: { navigateTo: (o: { url: string }) => Promise<unknown> } }).wx
    await expect(wx.navigateTo({ url: '/pages/nowhere/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail page "pages/nowhere/index" is not found',
    })
    expect(phone.route()).toBe('pages/card/index')
  })
})

describe('text parity', () => {
  const h5 = '李娜\nNO. 2026 1123 002\n积分\n1,306\n下载海报\n8 秒后自动更新 · 截图无效'
  it('passes when the weapp shows every H5 line, in its own words and on its own second', () => {
    expect(missingFromWeapp('pages/card/index', h5, '李娜 NO. 2026 1123 002 积分 1,306 保存到相册 23 秒后自动更新 · 截图无效')).toEqual([])
  })

  it('fails with each H5 line the weapp lacks', () => {
    expect(missingFromWeapp('pages/card/index', h5, '李娜 积分 1,306 下载海报')).toEqual([
      'NO. 2026 1123 002',
      '保存到相册',
      '8 秒后自动更新 · 截图无效',
    ])
  })

  it('masks the clock only where the clock is drawn', () => {
    expect(missingFromWeapp('pages/points/index', '积分 1,306', '积分 1,307')).toEqual(['积分 1,306'])
  })
})
