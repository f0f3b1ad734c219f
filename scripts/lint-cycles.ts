/**
 * Import cycles, type-only imports included. ESLint's import-x/no-cycle skips `import type`, so a cycle made only
 * of types (the domain had one across eight files) would pass it; this walks every file tsconfig.json includes,
 * follows each relative import the way TypeScript resolves it, and prints each cycle. `npm run lint` runs it.
 * Usage: tsx scripts/lint-cycles.ts [tsconfig.json]   (exit 1 when there is a cycle)
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import ts from 'typescript'

/** The files of a tsconfig and, for each, the files of the project it imports (types and values alike). */
export const importGraph = (tsconfigPath: string): Map<string, string[]> => {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    resolve(tsconfigPath),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!parsed) throw new Error(`cannot read ${tsconfigPath}`)
  const files = new Set(parsed.fileNames.map((f) => resolve(f)))
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles
      .map(({ fileName }) => ts.resolveModuleName(fileName, file, parsed.options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((target): target is string => target !== undefined && files.has(resolve(target)))
      .map((target) => resolve(target))
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** The strongly connected components with more than one file (or a file importing itself): each is a cycle. */
export const cyclesOf = (graph: Map<string, string[]>): string[][] => {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let next = 0
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next)
    next += 1
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return cycles
}

if (require.main === module) {
  const tsconfig = process.argv[2] ?? 'tsconfig.json'
  const cycles = cyclesOf(importGraph(tsconfig))
  for (const cycle of cycles) console.error(`import cycle (types included): ${cycle.map((f) => relative(process.cwd(), f)).join(' ↔ ')}`)
  process.exitCode = cycles.length > 0 ? 1 : 0
}
