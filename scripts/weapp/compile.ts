/**
 * WeChat's own compilers over the weapp build (dist/): `wcc` turns every WXML (and WXS) file into the `$gwx`
 * render functions the mini-program's render layer runs, `wcsc` turns every WXSS file into the style sheets it
 * injects. Both come as Linux binaries in the npm package miniprogram-compiler (by WeChat). Its JS wrapper hides
 * wcsc's refusals (it returns an Error object, then crashes reading `.comm`) and reads at most 1 MB of output, so
 * the binaries are called here directly, with the file lists that wrapper builds (the one DevTools-shaped list
 * WeChat publishes): every WXML and WXS file, with each file's `usingComponents` names; every WXSS file, those of
 * pages and components (files with a .json beside them) first and counted with `-pc`.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { runInNewContext } from 'node:vm'
import { sourceOf } from './sources'

const COMPILER_DIR = join(dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux')
/** The compilers print whole bundles on stdout (a few MB for a big app): never let a buffer cut them short. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024

export interface CompileProblem {
  tool: 'wcc' | 'wcsc'
  /** The dist/ file the compiler named, relative to dist/. */
  file: string
  line?: number
  column?: number
  /** The compiler's own words. */
  message: string
  /** Where in src/ the refused text came from, as far as it can be told (see sources.ts). */
  source?: string
  /** The refused text around the position. */
  excerpt?: string
}

export interface TemplateCompilation {
  problems: CompileProblem[]
  /** wcc's JavaScript: run it to get `$gwx(path)` (see render.ts). Empty when wcc refused. */
  js: string
  files: string[]
}

export interface StyleCompilation {
  problems: CompileProblem[]
  /** The shared prelude (`setCssToHead`, rpx → px), run once before any sheet. */
  comm: string
  /** dist-relative .wxss path → the expression that, called, injects that file's styles. */
  sheets: Record<string, string>
  /**
   * Files whose selectors WeChat ignores where they are used: tag, id and attribute selectors in a page or
   * component's own sheet (wcsc's own message, which the base library prints as an error at run time).
   */
  ignoredSelectors: { file: string; message: string }[]
  files: string[]
}

const binary = (name: 'wcc' | 'wcsc') => {
  const path = join(COMPILER_DIR, name)
  // npm unpacks the binaries without the execute bit.
  if (!(statSync(path).mode & 0o111)) chmodSync(path, 0o755)
  return path
}

const filesUnder = (dir: string, ext: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith(ext) && !p.startsWith('node_modules/') && statSync(join(dir, p)).isFile())
    .sort()

const readJson = (path: string): Record<string, unknown> | null => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch {
    return null
  }
}

/** `file:line:col: message` (wcc) or `ERR: file(line:col): message` (wcsc), one per line of stderr. */
const parseProblems = (tool: 'wcc' | 'wcsc', stderr: string, distDir: string): CompileProblem[] => {
  const problems: CompileProblem[] = []
  for (const raw of stderr.split('\n')) {
    const line = raw.replace(/^ERR:\s*/, '').trim()
    if (!line || /^error file count/.test(line)) continue
    const at = tool === 'wcc' ? /^(.+?):(\d+):(\d+):\s*(.*)$/.exec(line) : /^(.+?)\((\d+):(\d+)\):\s*(.*)$/.exec(line)
    if (!at) {
      problems.push({ tool, file: '', message: line })
      continue
    }
    const [, file, lineNo, column, message] = at
    const problem: CompileProblem = { tool, file: posix.normalize(file), line: Number(lineNo), column: Number(column), message }
    const text = existsSync(join(distDir, problem.file)) ? readFileSync(join(distDir, problem.file), 'utf8') : ''
    if (text) {
      const offset = offsetOf(text, problem.line!, problem.column!)
      problem.excerpt = text.slice(Math.max(0, offset - 60), offset + 20).replace(/\s+/g, ' ')
      problem.source = sourceOf(problem.file, text, offset)
    }
    problems.push(problem)
  }
  return problems
}

const offsetOf = (text: string, line: number, column: number) => {
  let offset = 0
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1
  return offset + column - 1
}

export interface CompileOptions {
  /** Only these dist-relative files (default: every one of the kind). */
  files?: string[]
  /** Without the debug information DevTools adds while developing (the release build's output, for sizes). */
  release?: boolean
}

/** Every WXML and WXS file of the build, compiled together as DevTools does. */
export const compileTemplates = (distDir: string, options: CompileOptions = {}): TemplateCompilation => {
  const chosen = (ext: string) => filesUnder(distDir, ext).filter((f) => !options.files || options.files.includes(f))
  const wxml = chosen('.wxml')
  const wxs = chosen('.wxs')
  // `-cc "<count> <file> <n> <name>…"`: which custom components each file may use.
  const using = wxml.flatMap((file) => {
    const names = Object.keys((readJson(join(distDir, file.replace(/\.wxml$/, '.json')))?.usingComponents as object | undefined) ?? {})
    return names.length ? [[file, String(names.length), ...names]] : []
  })
  const debug = options.release ? [] : ['-d']
  const run = spawnSync(
    binary('wcc'),
    [...debug, '-cc', [String(using.length), ...using.flat()].join(' '), ...wxml, ...wxs, '-gn', '$gwx'],
    {
      cwd: distDir,
      maxBuffer: MAX_OUTPUT_BYTES,
    },
  )
  if (run.error) throw run.error
  const stderr = run.stderr.toString()
  const problems = run.status === 0 ? [] : parseProblems('wcc', stderr, distDir)
  if (run.status !== 0 && !problems.length)
    problems.push({ tool: 'wcc', file: '', message: `wcc exited with ${run.status}: ${stderr || '(no message)'}` })
  return { problems, js: run.status === 0 ? run.stdout.toString() : '', files: [...wxml, ...wxs] }
}

/** Every WXSS file of the build, compiled together as DevTools does (pages' and components' sheets first). */
export const compileStyles = (distDir: string, options: CompileOptions = {}): StyleCompilation => {
  const all = filesUnder(distDir, '.wxss').filter((f) => !options.files || options.files.includes(f))
  const own = all.filter((f) => existsSync(join(distDir, f.replace(/\.wxss$/, '.json'))))
  const imported = all.filter((f) => !own.includes(f))
  const debug = options.release ? [] : ['-db']
  const run = spawnSync(binary('wcsc'), [...debug, '-pc', String(own.length), ...own, ...imported], {
    cwd: distDir,
    maxBuffer: MAX_OUTPUT_BYTES,
  })
  if (run.error) throw run.error
  const stderr = run.stderr.toString()
  if (run.status !== 0) {
    const problems = parseProblems('wcsc', stderr, distDir)
    if (!problems.length) problems.push({ tool: 'wcsc', file: '', message: `wcsc exited with ${run.status}: ${stderr || '(no message)'}` })
    return { problems, comm: '', sheets: {}, ignoredSelectors: [], files: all }
  }
  // stdout: `version=<v>=comm=<js>=<file>=<js>=…`, each value a JS string body with `=` written as \x3d.
  const parts = run.stdout.toString().split('=')
  const values: Record<string, string> = {}
  for (let i = 0; i + 1 < parts.length; i += 2) values[parts[i]] = parts[i + 1]
  const decode = (body: string) => runInNewContext(`"${body}"`) as string
  const sheets: Record<string, string> = {}
  const ignoredSelectors: StyleCompilation['ignoredSelectors'] = []
  for (const [key, body] of Object.entries(values)) {
    if (!key.endsWith('.wxss')) continue
    const file = posix.normalize(key)
    const sheet = decode(body)
    // The first compiled sheet of a file wins; wcsc also lists `./app.wxss` as an empty alias of app.wxss.
    if (!(file in sheets) || sheets[file].startsWith('setCssToHead([],')) sheets[file] = sheet
    // Only a component's own sheet is scoped (app.wxss and pages are not, though wcsc flags them alike).
    const invalid = /^setCssToHead\(\[[\s\S]*\],"((?:[^"\\]|\\.)*)",\{path:/.exec(sheet)
    const isComponent = readJson(join(distDir, file.replace(/\.wxss$/, '.json')))?.component === true
    if (invalid && isComponent) ignoredSelectors.push({ file, message: invalid[1] })
  }
  return { problems: [], comm: decode(values.comm ?? ''), sheets, ignoredSelectors, files: all }
}

export const describeProblem = (p: CompileProblem) =>
  [
    `${p.tool}: ${p.file || '(no file)'}${p.line ? `(${p.line}:${p.column})` : ''}: ${p.message}`,
    p.source && `  from ${p.source}`,
    p.excerpt && `  near: ${p.excerpt}`,
  ]
    .filter(Boolean)
    .join('\n')

export const relativeTo = (root: string, path: string) => relative(root, path).split('\\').join('/')
