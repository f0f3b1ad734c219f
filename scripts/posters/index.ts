/**
 * `npm run posters`: the printable store-QR posters (A5 PNG) for every store and every active assistant, into
 * build/posters/ (see posters.ts).
 *
 *   npm run posters              on the local cloud (the data of `npm start`, seeded with the demo data when
 *                                empty): codes through ops.storeCode as an operator; plain QR codes of the H5 join URL
 *   npm run posters -- --dry-run no cloud: the demo stores and staff, plain QR codes made here
 *   --out DIR                    another output folder;  --brand NAME  the wordmark (default src/brand.ts)
 *
 * Env: LOCAL_CLOUD_DATA (default .data), LOCAL_CLOUD_PORT (default 8787: the URL the codes point at),
 * POSTERS_OPERATOR (the operator's OPENID on the local cloud; default the demo operator).
 */
import { join, resolve } from 'node:path'
import { startLocalCloud } from '../../localcloud'
import { productCloudOptions } from '../local-cloud'
import { BRAND_WORDMARK } from '../../src/brand'
import { functionsOutDir } from '../build-functions'
import { DEMO_OPERATOR, demoDocuments } from '../demo-data'
import type { StaffDoc, StoreDoc } from '../../cloudfunctions/_lib/collections'
import { makePosters, opsSource, PosterError, standInSource } from './posters'
import { DEFAULT_COUPON_TEMPLATES } from '../../src/domain/defaultOffers'
import { giftName } from '../../src/domain/coupons'
import { DEFAULT_PROGRAM } from '../../src/domain/program'

/** The demo program's welcome coupon, as the deployed function names it (_lib/coupons giftText). */
const demoWelcomeGift = (): string | null => {
  const template = DEFAULT_COUPON_TEMPLATES.find((t) => t._id === DEFAULT_PROGRAM.coupons.welcomeTemplateId)
  return template ? giftName(template) : null
}

const root = resolve(__dirname, '..', '..')

const parseArgs = (argv: string[]) => {
  const options = { dryRun: false, outDir: join(root, 'build', 'posters'), brand: BRAND_WORDMARK }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--out' && argv[i + 1]) options.outDir = resolve(argv[++i])
    else if (arg === '--brand' && argv[i + 1]) options.brand = argv[++i]
    else throw new PosterError('USAGE', `unknown option ${arg}; usage: npm run posters [-- --dry-run] [--out DIR] [--brand NAME]`)
  }
  return options
}

const main = async () => {
  const options = parseArgs(process.argv.slice(2))
  const port = Number(process.env.LOCAL_CLOUD_PORT ?? 8787)
  const log = (line: string) => console.log(line)
  if (options.dryRun) {
    const docs = demoDocuments()
    console.log('Store posters (dry run: demo stores and staff, plain QR codes of the local H5 join URL):')
    const made = await makePosters(
      standInSource(
        { stores: docs.stores as StoreDoc[], staff: docs.staff as StaffDoc[], welcomeGift: demoWelcomeGift() },
        `http://127.0.0.1:${port}`,
      ),
      { ...options, log },
    )
    console.log(`${made.length} posters in ${options.outDir} (index.html shows them all)`)
    return
  }
  const cloud = await startLocalCloud({
    dataDir: process.env.LOCAL_CLOUD_DATA ?? join(root, '.data'),
    functionsDir: functionsOutDir,
    ...productCloudOptions(),
    port,
    logs: false,
  })
  try {
    if (cloud.executor.count('stores', {}) === 0) {
      for (const [collection, docs] of Object.entries(demoDocuments())) cloud.executor.insert(collection, docs)
      console.log('Seeded the demo data (the local cloud was empty).')
    }
    const operator = process.env.POSTERS_OPERATOR ?? DEMO_OPERATOR._id
    console.log(`Store posters from the local cloud (${cloud.url}), codes by ops.storeCode as operator ${operator}:`)
    const made = await makePosters(
      opsSource((event) => cloud.invoke('ops', event, { openid: operator })),
      { ...options, log },
    )
    console.log(`${made.length} posters in ${options.outDir} (index.html shows them all)`)
  } finally {
    await cloud.close()
  }
}

main().catch((e: unknown) => {
  if (e instanceof PosterError) console.error(`posters: [${e.code}] ${e.message}`)
  else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      'posters: the local cloud port is taken (is `npm start` running?). Stop it, or set LOCAL_CLOUD_PORT to the port the codes should point at.',
    )
  } else console.error('posters: unexpected failure', e)
  process.exit(1)
})
