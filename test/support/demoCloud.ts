/**
 * The local cloud as `npm start` runs it, for tests that use the built bundles (`npm run build` first): the
 * bundled functions on a fresh data folder with the full demo data, optionally serving the H5 build. `close()`
 * stops it and removes the folder.
 */
import { rmSync } from 'node:fs'
import { startLocalCloud, type LocalCloud } from '../../localcloud'
import { functionsOutDir } from '../../scripts/build-functions'
import { demoDocuments } from '../../scripts/demo-data'
import { storeDemoImages } from '../../scripts/demo-images'
import { productCloudOptions } from '../../scripts/local-cloud'
import { tempDir } from './temp'

export interface DemoCloud {
  cloud: LocalCloud
  close: () => Promise<void>
}

/**
 * `dataDirPrefix` names the temporary data folder (in the system's temp folder), to tell runs apart. `dbLatencyMs`
 * 0 drops the simulated database round trips, for tests that look only at what pages show once loaded.
 */
export const startDemoCloud = async (
  dataDirPrefix: string,
  options: { staticDir?: string; dbLatencyMs?: number } = {},
): Promise<DemoCloud> => {
  const dataDir = tempDir(dataDirPrefix)
  const removeData = () => rmSync(dataDir, { recursive: true, force: true })
  let cloud: LocalCloud
  try {
    cloud = await startLocalCloud({
      dataDir,
      functionsDir: functionsOutDir,
      ...productCloudOptions(),
      staticDir: options.staticDir,
      port: 0,
      logs: false,
      keepRuntimes: true,
      ...(options.dbLatencyMs !== undefined ? { dbLatencyMs: options.dbLatencyMs } : {}),
    })
  } catch (error) {
    removeData()
    throw error
  }
  for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
  storeDemoImages(cloud.storage)
  return {
    cloud,
    close: async () => {
      await cloud.close()
      removeData()
    },
  }
}
