/**
 * localcloud/ is a library any CloudBase project could use: nothing in it reaches into this product. Every module
 * it loads is its own, a Node builtin, or a package its package.json lists (or, through wx-server-sdk, one of that
 * SDK's own dependencies); no path leads out of the folder; no name of this product is left in its code.
 */
import { builtinModules } from 'node:module'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

const REPO = resolve(__dirname, '../..')
const LIB = join(REPO, 'localcloud')

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return /\.(ts|js|cjs|mjs)$/.test(name) ? [path] : []
  })

const pkg = JSON.parse(readFileSync(join(LIB, 'package.json'), 'utf8')) as {
  name: string
  private?: boolean
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}
const declared = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }
const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
/** Packages the SDK brings (the seams reach into them, resolved from the SDK's own folders). */
const dependenciesOf = (name: string) =>
  Object.keys(
    (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
      .dependencies,
  )
const sdkDependencies = [...dependenciesOf('wx-server-sdk'), ...dependenciesOf('@cloudbase/node-sdk')]

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])
const inside = (path: string) => path === LIB || path.startsWith(LIB + sep)

interface Use {
  file: string
  line: number
  text: string
  /** resolved from another package's folder (`require.resolve(x, { paths })`) */
  viaPaths?: boolean
}

/** The module specifiers and string literals of one source file. */
const scan = (file: string) => {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS)
  const specifiers: Use[] = []
  const strings: Use[] = []
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      specifiers.push({ file, line: at(node), text: node.moduleSpecifier.text })
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      specifiers.push({ file, line: at(node), text: node.argument.literal.text })
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression.getText(source)
      if (callee === 'require' || callee === 'require.resolve' || node.expression.kind === ts.SyntaxKind.ImportKeyword)
        specifiers.push({
          file,
          line: at(node),
          text: node.arguments[0].text,
          viaPaths: callee === 'require.resolve' && node.arguments.length > 1,
        })
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      strings.push({ file, line: at(node), text: node.text })
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { specifiers, strings }
}

const files = sources(LIB)
const scanned = files.map(scan)
const specifiers = scanned.flatMap((s) => s.specifiers)
const strings = scanned.flatMap((s) => s.strings)
const where = (u: Use) => `${relative(REPO, u.file)}:${u.line} ${JSON.stringify(u.text)}`

it('has a package.json of its own: private, not this product, listing its dependencies', () => {
  expect(pkg).toMatchObject({ name: '@vipcard/localcloud', private: true })
  expect(Object.keys(declared).length).toBeGreaterThan(0)
  // The repository installs each of them, at the same version (localcloud/ is not a workspace).
  for (const [name, range] of Object.entries(declared))
    expect([name, root.dependencies[name] ?? root.devDependencies[name]]).toEqual([name, range])
})

it('loads nothing but its own modules, Node builtins and the packages it lists', () => {
  expect(files.length).toBeGreaterThan(20)
  const strays = specifiers
    .filter((u) => {
      if (u.text.startsWith('.')) return !inside(resolve(dirname(u.file), u.text))
      if (isBuiltin(u.text)) return false
      const name = packageOf(u.text)
      if (u.viaPaths) return !(name in declared) && !sdkDependencies.includes(name)
      return !(name in declared)
    })
    .map(where)
  expect(strays).toEqual([])
  // Every listed package is used (the list is not a copy of the repository's).
  const used = new Set(specifiers.filter((u) => !u.text.startsWith('.') && !isBuiltin(u.text)).map((u) => packageOf(u.text)))
  expect(Object.keys(declared).filter((name) => !used.has(name))).toEqual([])
})

it('names no path out of its folder and nothing of this product', () => {
  // A relative path in a string (`resolve(__dirname, '../../src/…')`) must stay inside localcloud/.
  const outward = strings.filter((u) => /^\.\.?(\/|$)/.test(u.text) && !inside(resolve(dirname(u.file), u.text))).map(where)
  expect(outward).toEqual([])
  const product = /vipcard|vip card|dist-h5|database\/collections|app\.config|build\/cloudfunctions|cloudfunctions\/|src\//i
  expect(strings.filter((u) => product.test(u.text)).map(where)).toEqual([])
})
