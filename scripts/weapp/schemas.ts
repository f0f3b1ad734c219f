/**
 * The weapp build's JSON files as WeChat checks them: app.json, every page and component .json, sitemap.json
 * and project.config.json against the JSON schemas miniprogram-ci (by WeChat) ships, with its own validator
 * (`schemaValidate`: a wrong type or value is an error; a key the schema does not know is reported as a warning,
 * which DevTools shows and we refuse too, since WeChat ignores such a key). Then what DevTools refuses before it
 * compiles: a page of app.json without its .js / .wxml / .json, a `usingComponents` entry that names no
 * component (a .json with `"component": true` beside a .js and a .wxml), a sitemap.json that app.json's
 * `sitemapLocation` names but the package lacks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { sourceOf } from './sources'

type SchemaName = 'app' | 'page' | 'sitemap' | 'projectconfig'
interface SchemaResult {
  warning: string
  error: { errorType: string; errorProperty: string; correctType?: string[]; requireProperty?: string }[]
}
// WeChat's own validator and schemas (miniprogram-ci/dist/schema/dist/*.js), as `miniprogram-ci` uses them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped CommonJS file inside the package
const { schemaValidate, transValidateResult } = require('miniprogram-ci/dist/modules/corecompiler/original/validate/schemaValidate') as {
  schemaValidate: (name: SchemaName, json: unknown) => SchemaResult
  transValidateResult: (file: string, result: SchemaResult, quiet: boolean) => string
}

export interface JsonProblem {
  file: string
  message: string
  /** 'error': WeChat refuses the file; 'unknown-key': WeChat warns and ignores the key. */
  kind: 'error' | 'unknown-key' | 'missing'
  source?: string
}

interface AppJson {
  pages?: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  sitemapLocation?: string
  usingComponents?: Record<string, string>
}

const readJson = (distDir: string, file: string, problems: JsonProblem[]): unknown => {
  try {
    return JSON.parse(readFileSync(join(distDir, file), 'utf8'))
  } catch (e) {
    problems.push({ file, kind: 'error', message: `not JSON: ${(e as Error).message}`, source: sourceOf(file) })
    return undefined
  }
}

const validate = (distDir: string, file: string, schema: SchemaName, problems: JsonProblem[]) => {
  const json = readJson(distDir, file, problems)
  if (json === undefined) return undefined
  const result = schemaValidate(schema, json)
  const source = sourceOf(file)
  if (result.error.length) problems.push({ file, kind: 'error', message: transValidateResult(file, result, true), source })
  if (result.warning) problems.push({ file, kind: 'unknown-key', message: `keys WeChat does not know: ${result.warning}`, source })
  return json
}

export const pageRoutes = (app: AppJson): string[] => [
  ...(app.pages ?? []),
  ...(app.subPackages ?? app.subpackages ?? []).flatMap((p) => p.pages.map((page) => posix.join(p.root, page))),
]

export const checkJson = (distDir: string): JsonProblem[] => {
  const problems: JsonProblem[] = []
  const app = validate(distDir, 'app.json', 'app', problems) as AppJson | undefined
  if (!app) return problems
  validate(distDir, 'project.config.json', 'projectconfig', problems)
  const sitemap = app.sitemapLocation ?? 'sitemap.json'
  if (existsSync(join(distDir, sitemap))) validate(distDir, sitemap, 'sitemap', problems)
  else if (app.sitemapLocation)
    problems.push({ file: 'app.json', kind: 'missing', message: `sitemapLocation names ${sitemap}, which the package lacks` })

  // Every page and component file the package holds, checked once; then what their usingComponents name.
  const jsonFiles = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith('.json') && !['app.json', 'project.config.json', 'project.private.config.json', sitemap].includes(p))
  const checked = new Map<string, Record<string, unknown> | undefined>()
  for (const file of jsonFiles) checked.set(file, validate(distDir, file, 'page', problems) as Record<string, unknown> | undefined)

  for (const route of pageRoutes(app)) {
    for (const ext of ['js', 'wxml', 'json']) {
      if (!existsSync(join(distDir, `${route}.${ext}`)))
        problems.push({ file: 'app.json', kind: 'missing', message: `page ${route} has no ${route}.${ext}`, source: 'src/app.config.ts' })
    }
  }
  const owners: [string, Record<string, string> | undefined][] = [
    ['app.json', app.usingComponents],
    ...[...checked].map(
      ([file, json]) => [file, json?.usingComponents as Record<string, string> | undefined] as [string, Record<string, string> | undefined],
    ),
  ]
  for (const [file, using] of owners) {
    for (const [name, path] of Object.entries(using ?? {})) {
      if (path.startsWith('plugin://')) continue
      const target = path.startsWith('/') ? path.slice(1) : posix.join(dirname(file), path)
      const missing = ['js', 'wxml', 'json'].filter((ext) => !existsSync(join(distDir, `${target}.${ext}`)))
      if (missing.length)
        problems.push({
          file,
          kind: 'missing',
          message: `usingComponents.${name} → ${target}: no .${missing.join(', .')}`,
          source: sourceOf(file),
        })
      else if (checked.get(`${target}.json`)?.component !== true)
        problems.push({
          file,
          kind: 'error',
          message: `usingComponents.${name} → ${target} is not a component ("component": true missing)`,
          source: sourceOf(`${target}.json`),
        })
    }
  }
  return problems
}

export const describeJsonProblem = (p: JsonProblem) => `json: ${p.file}: ${p.message}${p.source ? `\n  from ${p.source}` : ''}`
