/**
 * The page checks of pages.test.ts can fail: with templates broken on purpose (a copy of dist/ whose base.wxml
 * has lost a component's template, or whose text template draws nothing), the nothing-dropped check names the
 * lost nodes by their data path; a line the weapp lacks fails the text parity unless it is a known platform
 * wording or a line of the clock.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../../localcloud'
import { functionsOutDir } from '../../scripts/build-functions'
import { demoDocuments } from '../../scripts/demo-data'
import { drawPage, loadTemplates } from '../support/weapp/draw'
import { undrawn } from '../support/weapp/dropped'
import { missingFromWeapp } from '../support/weapp/parity'
import { weappPhone, type WeappPhone } from '../support/weapp/phone'

const DIST = resolve(__dirname, '../../dist')

let cloud: LocalCloud
let dataDir: string
let phone: WeappPhone
let broken: string

beforeAll(async () => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
  dataDir = mkdtempSync(join(tmpdir(), 'vipcard-weapp-checks-'))
  cloud = await startLocalCloud({ dataDir, functionsDir: functionsOutDir, port: 0, logs: false })
  for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
  phone = weappPhone(DIST, (name, data, openid) => cloud.invoke(name, data, { openid }))
  await phone.open('pages/card/index', {}, 'demo-shopper-b')
}, 60_000)

afterAll(async () => {
  phone?.close()
  await cloud?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

beforeEach(() => {
  broken = mkdtempSync(join(tmpdir(), 'vipcard-broken-templates-'))
  cpSync(DIST, broken, { recursive: true })
})
afterEach(() => rmSync(broken, { recursive: true, force: true }))

const breakBase = (change: (wxml: string) => string) => writeFileSync(join(broken, 'base.wxml'), change(readFileSync(join(broken, 'base.wxml'), 'utf8')))

describe('nothing dropped', () => {
  it('finds every node of the card drawn by the real templates', () => {
    expect(undrawn(phone.weapp.current()!.instance.data, phone.draw())).toEqual([])
  })

  it('names the nodes a lost component template leaves undrawn (the member code)', () => {
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
})

describe('text parity', () => {
  const h5 = '李娜\nNO. 2026 1123 002\n积分\n1,306\n下载海报\n8 秒后自动更新 · 截图无效'
  it('passes when the weapp shows every H5 line, in its own words and on its own second', () => {
    expect(missingFromWeapp('pages/card/index', h5, '李娜 NO. 2026 1123 002 积分 1,306 保存到相册 23 秒后自动更新 · 截图无效')).toEqual([])
  })

  it('fails with each H5 line the weapp lacks', () => {
    expect(missingFromWeapp('pages/card/index', h5, '李娜 积分 1,306 下载海报')).toEqual(['NO. 2026 1123 002', '保存到相册', '8 秒后自动更新 · 截图无效'])
  })

  it('masks the clock only where the clock is drawn', () => {
    expect(missingFromWeapp('pages/points/index', '积分 1,306', '积分 1,307')).toEqual(['积分 1,306'])
  })
})
