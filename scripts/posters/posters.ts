/**
 * Store-QR posters: for each store, one poster with the store's code and one per active staff member with
 * theirs (whoever joins through it is looked after by that assistant). The codes come from `ops.storeCode`
 * (wxacode.getUnlimited on WeChat; on the local cloud a plain QR of the H5 join URL), each poster is an HTML
 * page rendered to a PNG by Debian's Chromium: A5 portrait at 2× (1116 × 1588 px), ready to print.
 *
 * Output: build/posters/<storeId>/store.png, build/posters/<storeId>/<staffId>.png, index.html (all posters
 * on one page) and index.json (what each file holds, with its scene).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { chromium } from 'playwright-core'
import QRCode from 'qrcode'
import type { CloudResult, StoreCodeView, StoreDirectoryEntry } from '../../src/api/contract'
import type { StaffDoc, StoreDoc } from '../../cloudfunctions/_lib/collections'
import { buildStoreScene } from '../../src/domain/scene'
import type { StaffRole } from '../../src/domain/staff'
import { storePosterWords } from '../../src/ops/posters/storePoster'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

/** A5 (148 × 210 mm) in CSS pixels (96 per inch), drawn at twice the density so print stays sharp. */
export const A5_CSS = { width: 558, height: 794 }
export const SCALE = 2

/** Where the codes come from: the `ops` function as an operator (or a stand-in for a dry run). */
export interface CodeSource {
  directory: () => Promise<StoreDirectoryEntry[]>
  code: (storeId: string, assistantId: string | null) => Promise<StoreCodeView>
}

export interface PosterEntry {
  storeId: string
  storeName: string
  address: string
  /** null: the store's own poster. */
  staff: { staffId: string; name: string; role: StaffRole } | null
  scene: string
  page: string
  /** Relative to the output folder. */
  file: string
}

/** A poster run that cannot go on: the cloud refused a call, or no store to print for. */
export class PosterError extends Error {
  override name = 'PosterError' as const
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Codes through the deployed `ops` function, called as an operator (`invoke` carries the identity). */
export const opsSource = (invoke: (event: { action: string; input: object }) => Promise<unknown>): CodeSource => {
  const call = async <T>(action: string, input: object): Promise<T> => {
    const result = (await invoke({ action, input })) as CloudResult<T>
    if (!result.ok) throw new PosterError(result.error.code, `ops.${action}: ${result.error.message}`)
    return result.data
  }
  return {
    directory: async () => (await call<{ stores: StoreDirectoryEntry[] }>('storeDirectory', {})).stores,
    code: (storeId, assistantId) => call<StoreCodeView>('storeCode', { storeId, assistantId }),
  }
}

/**
 * A dry run's codes, with no cloud at all: from store and staff documents (e.g. the demo data), each a plain QR of
 * the H5 join URL, exactly what the local cloud's wxacode stand-in answers.
 */
export const standInSource = (
  docs: { stores: StoreDoc[]; staff: StaffDoc[]; welcomeGift: string | null },
  baseUrl: string,
): CodeSource => ({
  directory: async () =>
    docs.stores.map((s) => ({
      id: s._id,
      name: s.name,
      address: s.address,
      staff: docs.staff.filter((p) => p.active && p.storeId === s._id).map((p) => ({ staffId: p.staffId, name: p.name, role: p.role })),
    })),
  code: async (storeId, assistantId) => {
    const store = docs.stores.find((s) => s._id === storeId)
    if (!store) throw new PosterError('INVALID_INPUT', `no store ${storeId}`)
    const staff = assistantId ? docs.staff.find((p) => p.staffId === assistantId) : undefined
    const scene = buildStoreScene({ storeId, assistantId })
    const page = 'pages/join/index'
    const png = await QRCode.toBuffer(`${baseUrl}/#/${page}?scene=${encodeURIComponent(scene)}`, {
      type: 'png',
      width: 860,
      margin: 2,
      errorCorrectionLevel: 'M',
    })
    return {
      store: { id: store._id, name: store.name, address: store.address },
      assistant: staff ? { staffId: staff.staffId, name: staff.name } : null,
      scene,
      welcomeGift: docs.welcomeGift,
      page,
      image: { contentType: 'image/png', base64: png.toString('base64') },
    }
  },
})

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** The poster page. Fonts: Noto Sans CJK (fonts-noto-cjk), so the Chinese prints as type, not boxes. */
export const posterHtml = (brand: string, code: StoreCodeView, staffRole: StaffRole | null): string => {
  const { who, gift } = storePosterWords(code, staffRole)
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
  * { box-sizing: border-box; margin: 0; padding: 0; }
  html, body { width: ${A5_CSS.width}px; height: ${A5_CSS.height}px; }
  body { font-family: 'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif; color: #1f1d1a; background: #f5f3ef;
    display: flex; flex-direction: column; align-items: center; padding: 44px 40px 36px; }
  .brand { font-size: 30px; letter-spacing: 10px; font-weight: 700; }
  .rule { width: 64px; height: 3px; background: #d9b77e; margin: 16px 0 22px; }
  .gift { margin-bottom: 20px; padding: 8px 22px; border-radius: 22px; background: #f3e6cc; color: #8a5a14; font-size: 18px; font-weight: 700; }
  .store { font-size: 24px; font-weight: 700; text-align: center; }
  .address { font-size: 14px; color: #4a463f; margin-top: 8px; text-align: center; line-height: 1.5; }
  .panel { margin-top: 26px; background: #fff; border-radius: 24px; padding: 24px; box-shadow: 0 2px 12px rgba(31,29,26,.08); }
  .panel img { display: block; width: 300px; height: 300px; }
  .cta { margin-top: 26px; font-size: 34px; font-weight: 700; letter-spacing: 6px; }
  .sub { margin-top: 10px; font-size: 15px; color: #4a463f; }
  .who { margin-top: auto; font-size: 16px; color: #1f1d1a; border-top: 1px solid #e7e2d9; padding-top: 14px; width: 100%; text-align: center; }
</style></head><body>
  <div class="brand">${escapeHtml(brand)}</div>
  <div class="rule"></div>
  ${gift ? `<div class="gift">${escapeHtml(gift)}</div>` : ''}
  <div class="store">${escapeHtml(code.store.name)}</div>
  <div class="address">${escapeHtml(code.store.address)}</div>
  <div class="panel"><img alt="小程序码" src="data:${escapeHtml(code.image.contentType)};base64,${code.image.base64}"></div>
  <div class="cta">扫码加入会员</div>
  <div class="sub">微信扫一扫 · 积分、会员礼遇、生日特权</div>
  <div class="who">${escapeHtml(who)}</div>
</body></html>`
}

/** Fetches every code and renders every poster into outDir (emptied first). Returns what it wrote. */
export const makePosters = async (
  source: CodeSource,
  options: { outDir: string; brand: string; log?: (line: string) => void },
): Promise<PosterEntry[]> => {
  const log = options.log ?? (() => undefined)
  const stores = await source.directory()
  if (stores.length === 0) throw new PosterError('NO_STORES', 'the stores collection is empty: nothing to print')
  rmSync(options.outDir, { recursive: true, force: true })
  mkdirSync(options.outDir, { recursive: true })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const entries: PosterEntry[] = []
  try {
    const context = await browser.newContext({ viewport: A5_CSS, deviceScaleFactor: SCALE })
    const page = await context.newPage()
    for (const store of stores) {
      mkdirSync(join(options.outDir, store.id), { recursive: true })
      const targets: (StoreDirectoryEntry['staff'][number] | null)[] = [null, ...store.staff]
      for (const staff of targets) {
        const code = await source.code(store.id, staff?.staffId ?? null)
        const file = join(options.outDir, store.id, `${staff ? staff.staffId : 'store'}.png`)
        await page.setContent(posterHtml(options.brand, code, staff?.role ?? null), { waitUntil: 'load' })
        await page.evaluate(() => document.fonts.ready.then(() => undefined))
        await page.screenshot({ path: file, fullPage: false })
        entries.push({
          storeId: store.id,
          storeName: store.name,
          address: store.address,
          staff,
          scene: code.scene,
          page: code.page,
          file: relative(options.outDir, file),
        })
        log(
          `  ${relative(process.cwd(), file)}  ${store.name}${staff ? ` · ${staff.name} (${staff.staffId})` : ' · 门店码'}  scene ${code.scene}`,
        )
      }
    }
  } finally {
    await browser.close()
  }
  writeFileSync(join(options.outDir, 'index.json'), JSON.stringify({ brand: options.brand, posters: entries }, null, 2) + '\n')
  writeFileSync(join(options.outDir, 'index.html'), indexHtml(options.brand, entries))
  return entries
}

/** One page with every poster, by store, to check them before printing. */
const indexHtml = (brand: string, entries: PosterEntry[]) => {
  const byStore = new Map<string, PosterEntry[]>()
  for (const e of entries) byStore.set(e.storeId, [...(byStore.get(e.storeId) ?? []), e])
  const sections = [...byStore.values()]
    .map(
      (list) =>
        `<h2>${escapeHtml(list[0].storeName)} (${escapeHtml(list[0].storeId)})</h2><div class="row">${list
          .map(
            (e) =>
              `<figure><a href="${escapeHtml(e.file)}"><img src="${escapeHtml(e.file)}" width="279"></a><figcaption>${e.staff ? `${escapeHtml(e.staff.name)} · ${escapeHtml(e.staff.staffId)}` : '门店码'}<br><code>${escapeHtml(e.scene)}</code></figcaption></figure>`,
          )
          .join('')}</div>`,
    )
    .join('\n')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(brand)} 门店海报</title><style>
body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px}.row{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{font-size:13px;text-align:center}</style></head>
<body><h1>${escapeHtml(brand)} 门店海报（A5）</h1>${sections}</body></html>\n`
}
