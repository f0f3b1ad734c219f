/**
 * What every end-to-end test stands on: the local cloud running the bundled functions and serving the H5
 * build (`npm run build` first), seeded with the demo data, and a 375-px phone browser. Each test file
 * starts its own in a fresh data folder, so the files never see each other's writes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startLocalCloud, type LocalCloud } from '../../../localcloud'
import { functionsOutDir } from '../../../scripts/build-functions'
import { demoDocuments } from '../../../scripts/demo-data'
import { launchPhone, type PhoneBrowser } from './browser'

export interface Demo {
  cloud: LocalCloud
  phone: PhoneBrowser
  /** Closes the browser and the cloud, and removes the data folder. */
  close: () => Promise<void>
}

/** `dataDirPrefix` names the temporary data folder (in the system's temp folder), to tell runs apart. */
export const startDemo = async (dataDirPrefix: string): Promise<Demo> => {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix))
  let cloud: LocalCloud | undefined
  let phone: PhoneBrowser | undefined
  const close = async () => {
    await phone?.close()
    await cloud?.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    cloud = await startLocalCloud({
      dataDir,
      functionsDir: functionsOutDir,
      staticDir: resolve(__dirname, '../../../dist-h5'),
      port: 0,
      logs: false,
    })
    for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
    phone = await launchPhone()
    return { cloud, phone, close }
  } catch (error) {
    // Half started: close what did start, or it keeps jest from exiting.
    await close()
    throw error
  }
}
