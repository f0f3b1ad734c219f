/**
 * This product on the local cloud: where its collections, H5 build and mini-program pages are. localcloud/ knows
 * none of them (it is a library for any CloudBase project); every start of it for VIP Card — `npm start`, the
 * test helpers, the benches, the posters — passes them from here.
 */
import { join, resolve } from 'node:path'
import { readAppPages } from '../localcloud/openapi/pages'
import { type CustomLoginKey, makeCustomLoginKey } from '../localcloud/webauth/webauth'
import { LOCAL_ENV_ID } from '../localcloud/cloud'
import { localIdentityPhones } from '../src/services/localIdentity'

const root = resolve(__dirname, '..')

/** The declared collections (indexes and security rules), as the deploy creates them. */
export const COLLECTIONS_DIR = join(root, 'database', 'collections')
/** The H5 build (`npm run build:h5`), served by `npm start` at `/`. */
export const H5_DIR = join(root, 'dist-h5')
/** The operators' desk (`npm run build:desk`), served by the local cloud at `/desk/`. */
export const DESK_DIR = join(root, 'dist-desk')
export const DESK_PATH = '/desk/'

/** The mini program's app config: its pages are what WeChat's open API checks a `page` against. */
export const APP_CONFIG = join(root, 'src', 'app.config.ts')

let pages: string[] | undefined

/** The mini program's pages (home first), read once from src/app.config.ts. */
export const miniProgramPages = (): string[] => {
  if (!pages) {
    const read = readAppPages(APP_CONFIG)
    if (!read) throw new Error(`no mini program pages could be read from ${APP_CONFIG}`)
    pages = read
  }
  return pages
}

let loginKey: CustomLoginKey | undefined

/**
 * The environment's custom-login key, made once per process: on CloudBase it is downloaded from the console and
 * deploy puts it in the desk function's environment (CUSTOM_LOGIN_KEY); here the local cloud's web sign-in trusts
 * it and the desk function signs with it. A restart makes a new one (the local cloud keeps no tokens across one).
 */
export const localCustomLoginKey = (): CustomLoginKey => (loginKey ??= makeCustomLoginKey(LOCAL_ENV_ID))

/**
 * What every start of the local cloud for this product passes: its collections, its pages, the phones of the
 * local identities (src/services/localIdentity.ts), which phonenumber.getPhoneNumber codes resolve to, and the
 * custom-login key the desk signs in with.
 */
export const productCloudOptions = () => ({
  collectionsDir: COLLECTIONS_DIR,
  miniProgramPages: miniProgramPages(),
  phones: localIdentityPhones(),
  staticMounts: { [DESK_PATH]: DESK_DIR },
  customLoginKeys: [localCustomLoginKey()],
  functionEnv: { desk: { CUSTOM_LOGIN_KEY: JSON.stringify(localCustomLoginKey()) } },
})
