import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh folder in the system's temp folder, named by `prefix` to tell runs apart; the caller removes it. */
export const tempDir = (prefix = 'vipcard-test-'): string => mkdtempSync(join(tmpdir(), prefix))
