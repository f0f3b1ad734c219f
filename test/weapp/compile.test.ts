/**
 * The weapp build (dist/, made by `npm test` first) as WeChat's own tools take it: wcc compiles every template,
 * wcsc every style sheet, and every JSON file passes the schemas miniprogram-ci validates with. A refusal fails
 * with the tool's own words, the dist/ file and position, and the src/ file it came from. The second half breaks
 * a copy of the build on purpose, one way at a time, and sees each check catch it: a check that cannot fail
 * proves nothing.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compileStyles, compileTemplates, describeProblem } from '../../scripts/weapp/compile'
import { checkJson, describeJsonProblem } from '../../scripts/weapp/schemas'
import { tempDir } from '../support/temp'

const DIST = resolve(__dirname, '../../dist')

beforeAll(() => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
})

describe('the weapp build, compiled by WeChat’s compilers', () => {
  it('wcc compiles every WXML and WXS file', () => {
    const templates = compileTemplates(DIST)
    expect(templates.problems.map(describeProblem)).toEqual([])
    expect(templates.files).toEqual(
      expect.arrayContaining(['base.wxml', 'pages/card/index.wxml', 'components/member-code/index.wxml', 'utils.wxs']),
    )
    expect(templates.js).toContain('$gwx')
  })

  it('wcsc compiles every WXSS file, and no component sheet holds selectors WeChat ignores', () => {
    const styles = compileStyles(DIST)
    expect(styles.problems.map(describeProblem)).toEqual([])
    expect(styles.ignoredSelectors).toEqual([])
    expect(Object.keys(styles.sheets)).toEqual(expect.arrayContaining(['app.wxss', 'pages/card/index.wxss', 'staff/refund/index.wxss']))
  })

  it('app.json, every page and component JSON, sitemap.json and project.config.json pass WeChat’s schemas', () => {
    expect(checkJson(DIST).map(describeJsonProblem)).toEqual([])
  })
})

describe('each check fails when the build breaks', () => {
  let copy: string
  beforeEach(() => {
    copy = tempDir('vipcard-broken-weapp-')
    cpSync(DIST, copy, { recursive: true })
  })
  afterEach(() => rmSync(copy, { recursive: true, force: true }))

  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(join(copy, file), change(readFileSync(join(copy, file), 'utf8')))

  it('a universal selector: wcsc’s message, the file and position, and the .scss it came from', () => {
    edit('pages/card/index.wxss', (css) => css.replace('.member-card{', '.member-card > *{flex:1}.member-card{'))
    const { problems } = compileStyles(copy)
    expect(problems).toEqual([
      expect.objectContaining({
        tool: 'wcsc',
        file: 'pages/card/index.wxss',
        line: 1,
        message: 'error at token `*`',
        source: expect.stringMatching(/^src\/components\/MemberCard\/index\.scss \(rule \.member-card > \*\)$/),
      }),
    ])
  })

  it('a template wcc refuses: its message, file and position', () => {
    edit('components/member-code/index.wxml', (wxml) => wxml.replace('</view>\n', '</view>\n<view>'))
    const { problems } = compileTemplates(copy)
    expect(problems).toEqual([
      expect.objectContaining({ tool: 'wcc', file: 'components/member-code/index.wxml', source: 'src/components/member-code/index.wxml' }),
    ])
  })

  it('a key app.json does not know, and a wrong value', () => {
    edit('app.json', (json) =>
      JSON.stringify({
        ...JSON.parse(json),
        pageTransitions: true,
        window: { ...JSON.parse(json).window, navigationBarTextStyle: 'grey' },
      }),
    )
    expect(checkJson(copy)).toEqual([
      expect.objectContaining({
        file: 'app.json',
        kind: 'error',
        message: expect.stringContaining('window.navigationBarTextStyle'),
        source: 'src/app.config.ts',
      }),
      expect.objectContaining({ file: 'app.json', kind: 'unknown-key', message: expect.stringContaining('pageTransitions') }),
    ])
  })

  it('a page config WeChat refuses, traced to its index.config.ts', () => {
    edit('pages/card/index.json', (json) => JSON.stringify({ ...JSON.parse(json), enablePullDownRefresh: 'yes' }))
    expect(checkJson(copy)).toEqual([
      expect.objectContaining({ file: 'pages/card/index.json', kind: 'error', source: 'src/pages/card/index.config.ts' }),
    ])
  })

  it('a page of app.json the package lacks, and a component that is not one', () => {
    rmSync(join(copy, 'pages/points/index.wxml'))
    edit('components/member-code/index.json', (json) => JSON.stringify({ ...JSON.parse(json), component: false }))
    expect(checkJson(copy).map((p) => p.message)).toEqual([
      'page pages/points/index has no pages/points/index.wxml',
      'usingComponents.member-code → components/member-code/index is not a component ("component": true missing)',
    ])
  })
})
