/**
 * What every end-to-end test stands on: the local cloud running the bundled functions and serving the H5
 * build (`npm run build` first), seeded with the demo data, and a 375-px phone browser. Each test file
 * starts its own in a fresh data folder, so the files never see each other's writes.
 */
import { resolve } from 'node:path'
import type { LocalCloud } from '../../../localcloud'
import { startDemoCloud } from '../../support/demoCloud'
import { launchPhone, type PhoneBrowser } from './browser'

export interface Demo {
  cloud: LocalCloud
  phone: PhoneBrowser
  /** Closes the browser and the cloud, and removes the data folder. */
  close: () => Promise<void>
}

/** `dataDirPrefix` names the temporary data folder (in the system's temp folder), to tell runs apart. */
export const startDemo = async (dataDirPrefix: string): Promise<Demo> => {
  const demo = await startDemoCloud(dataDirPrefix, { staticDir: resolve(__dirname, '../../../dist-h5') })
  let phone: PhoneBrowser | undefined
  const close = async () => {
    await phone?.close()
    await demo.close()
  }
  try {
    phone = await launchPhone()
    return { cloud: demo.cloud, phone, close }
  } catch (error) {
    // Half started: close what did start, or it keeps jest from exiting.
    await close()
    throw error
  }
}
