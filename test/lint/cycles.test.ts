/**
 * Import cycles made only of types fail the lint too (scripts/lint-cycles.ts, run by `npm run lint`):
 * ESLint's import-x/no-cycle skips `import type`, so a cycle of types alone would pass it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { cyclesOf, importGraph } from '../../scripts/lint-cycles'

const project = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-cycles-'))
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, moduleResolution: 'bundler', module: 'esnext' }, include: ['.'] }),
  )
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const cyclesIn = (files: Record<string, string>) => {
  const dir = project(files)
  try {
    return cyclesOf(importGraph(join(dir, 'tsconfig.json'))).map((cycle) => cycle.map((f) => basename(f)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('a cycle of type-only imports is found, with every file in it', () => {
  expect(
    cyclesIn({
      'rules.ts': "import type { Status } from './member'\nexport type Rules = { status: Status }\n",
      'member.ts': "import type { Referral } from './referral'\nexport type Status = Referral['status']\n",
      'referral.ts': "import type { Rules } from './rules'\nexport type Referral = { status: 'held'; rules?: Rules }\n",
      'leaf.ts': "import type { Rules } from './rules'\nexport type Leaf = Rules\n",
    }),
  ).toEqual([['member.ts', 'referral.ts', 'rules.ts']])
})

test('imports that only point one way are no cycle', () => {
  expect(
    cyclesIn({
      'status.ts': "export type Status = 'held'\n",
      'member.ts': "import type { Status } from './status'\nexport type Member = { status: Status }\n",
      'rules.ts': "import type { Status } from './status'\nimport type { Member } from './member'\nexport type Rules = [Status, Member]\n",
    }),
  ).toEqual([])
})
