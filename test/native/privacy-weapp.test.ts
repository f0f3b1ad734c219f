/**
 * WeChat's privacy rules for what ships (dist/, from `npm run build:weapp`): the app declares the privacy check,
 * the privacy page is its own subpackage, and every WeChat privacy API the source calls is asked for first
 * through services/privacyAuth (wx.requirePrivacyAuthorize), so a refusal reads as a sentence, not an API error.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOT = join(__dirname, '../..')
const DIST = join(ROOT, 'dist')
const SRC = join(ROOT, 'src')

/** A source file's code without its comments: a comment naming an API does not call it. */
const codeOf = (file: string): string => {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  return ts.createPrinter({ removeComments: true }).printFile(source)
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]))

/** Privacy APIs (《小程序用户隐私保护指引》内容介绍) a mini-program of this kind might call. */
const PRIVACY_APIS = [
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  "scope: 'scope.writePhotosAlbum'",
  'setClipboardData',
  'getClipboardData',
  'chooseAddress',
  'getLocation',
  'chooseLocation',
  'chooseImage',
  'chooseMedia',
  'chooseMessageFile',
  'getPhoneNumber',
  'addPhoneContact',
]

beforeAll(() => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is not built: run `npm run build:weapp` first')
})

describe('privacy in the weapp build', () => {
  it('declares __usePrivacyCheck__ and ships the privacy page as a subpackage', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as {
      __usePrivacyCheck__?: boolean
      subPackages: { root: string; pages: string[] }[]
    }
    expect(app.__usePrivacyCheck__).toBe(true)
    expect(app.subPackages).toContainEqual({ root: 'privacy', pages: ['index/index'] })
    expect(existsSync(join(DIST, 'privacy/index/index.js'))).toBe(true)
    expect(filesUnder(DIST).some((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes('requirePrivacyAuthorize'))).toBe(true)
  })

  it('asks for the privacy authorization before every privacy API the WeChat code calls', () => {
    const weappSources = filesUnder(SRC).filter((f) => /\.(ts|tsx)$/.test(f) && !/\.h5\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    const callers = weappSources.filter((f) => PRIVACY_APIS.some((api) => codeOf(f).includes(api)))
    // The app does use some (the invite poster, the export links, the member's data file).
    expect(callers.length).toBeGreaterThanOrEqual(3)
    const unguarded = callers.filter((f) => !codeOf(f).includes('ensurePrivacyAuthorized')).map((f) => relative(ROOT, f))
    expect(unguarded).toEqual([])
  })
})
