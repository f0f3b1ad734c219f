/**
 * `npm start`: the whole product on the embedded local cloud. Serves the H5 build and the cloud functions
 * on one localhost port, with demo data on first run (a store, a shop assistant, two shoppers).
 * Data persists in .data/ between runs; `npm run reset` starts over.
 */
import { join, resolve } from 'node:path'
import { startLocalCloud } from '../localcloud'
import { functionsOutDir } from './build-functions'
import { DESK_PATH, H5_DIR, productCloudOptions } from './local-cloud'
import { LOCAL_IDENTITIES } from '../src/services/localIdentity'
import { ROUTES } from '../src/routes'
import { DEMO_JOIN_SCENE, demoDocuments } from './demo-data'
import { storeDemoImages } from './demo-images'

const root = resolve(__dirname, '..')

const main = async () => {
  const port = Number(process.env.LOCAL_CLOUD_PORT ?? 8787)
  const cloud = await startLocalCloud({
    dataDir: process.env.LOCAL_CLOUD_DATA ?? join(root, '.data'),
    functionsDir: functionsOutDir,
    // This product's collections, H5 build and pages: the local cloud itself knows no project (scripts/local-cloud.ts).
    ...productCloudOptions(),
    staticDir: H5_DIR,
    port,
    logs: process.env.LOCAL_CLOUD_LOGS !== '0',
    // The functions' timer triggers (the hourly upkeep: VIP sweep, points expiry) run as on CloudBase.
    timers: true,
    // Benchmarks only (bench/tillCodes.ts): each purchase at its own instant, named by the x-local-clock header.
    allowClockOverride: process.env.LOCAL_CLOUD_ALLOW_CLOCK === '1',
  })
  if (cloud.executor.count('stores', {}) === 0) {
    for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
    storeDemoImages(cloud.storage)
    // What the hourly upkeep would have done by now on a running cloud: today's segments among others.
    await cloud.fireTimer('jobs', 'upkeep')
    console.log(
      'Seeded demo data: store SH001, shop assistants A01 and A03, store manager M01, operator OP01, shoppers A (not yet joined) and B (VIP), and customers for the staff workbench.',
    )
  }
  console.log(`\nVIP Card is running on the local cloud: ${cloud.url}/`)
  console.log(`  Join by the store QR (as 顾客A): ${cloud.url}/#/pages/join/index?scene=${encodeURIComponent(DEMO_JOIN_SCENE)}`)
  console.log(`  Local identities (the pill at the bottom right of each page): ${LOCAL_IDENTITIES.map((i) => i.label).join(' · ')}`)
  // Staff and operators have their own entry (never a link on a shopper's page): their home pages by URL.
  console.log(`  Staff home (as 导购 or 店长): ${cloud.url}/#${ROUTES.staffHome}`)
  console.log(`  Operators (as 品牌运营): ${cloud.url}/#${ROUTES.opsMember}`)
  console.log(`  Operators' desk (a PC browser): ${cloud.url}${DESK_PATH} — scan its code as 品牌运营: open the code's link in the preview`)
  for (const run of cloud.nextTimerRuns()) console.log(`  Timer ${run.function}/${run.trigger} (${run.cron}): next run ${run.next}`)
  console.log('Press Ctrl+C to stop.')
  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
