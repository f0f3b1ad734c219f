/**
 * The demo data's pictures (scripts/demo-images: each JPEG drawn from the SVG beside it, 1080×720), stored in the
 * local cloud's storage as a function stores files, at the cloudPaths the demo documents name.
 */
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileIdOf } from '../localcloud/storage/storage'

const DIR = join(__dirname, 'demo-images')

export const DEMO_IMAGE_PATHS = {
  toteBag: 'images/catalog/tote-bag.jpg',
} as const

/** Each demo picture's fileID on the local cloud. */
export const DEMO_IMAGES = Object.fromEntries(Object.entries(DEMO_IMAGE_PATHS).map(([name, path]) => [name, fileIdOf(path)])) as Record<
  keyof typeof DEMO_IMAGE_PATHS,
  string
>

export const storeDemoImages = (storage: { write(cloudPath: string, bytes: Buffer): string }): void => {
  for (const path of Object.values(DEMO_IMAGE_PATHS)) storage.write(path, readFileSync(join(DIR, basename(path))))
}
