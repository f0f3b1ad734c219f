/**
 * The store QR code's `scene`: which store and which shop assistant recruited the shopper.
 * WeChat limits a mini-program code's scene to 32 visible characters, so it is compact: "s=SH001&a=A07".
 */

export interface StoreScene {
  storeId: string
  assistantId: string | null
}

export const SCENE_MAX_LENGTH = 32
const ID_PATTERN = /^[A-Za-z0-9_-]{1,12}$/

export const buildStoreScene = ({ storeId, assistantId }: StoreScene): string => {
  if (!ID_PATTERN.test(storeId) || (assistantId !== null && !ID_PATTERN.test(assistantId))) {
    throw new Error(`store and assistant ids must match ${ID_PATTERN}`)
  }
  const scene = assistantId ? `s=${storeId}&a=${assistantId}` : `s=${storeId}`
  if (scene.length > SCENE_MAX_LENGTH) throw new Error(`scene "${scene}" exceeds ${SCENE_MAX_LENGTH} characters`)
  return scene
}

/** WeChat hands the scene URL-encoded; returns null for anything that is not a well-formed store scene. */
export const parseStoreScene = (raw: string): StoreScene | null => {
  let scene: string
  try {
    scene = decodeURIComponent(raw)
  } catch {
    return null
  }
  if (scene.length === 0 || scene.length > SCENE_MAX_LENGTH) return null
  const fields = new Map<string, string>()
  for (const part of scene.split('&')) {
    const eq = part.indexOf('=')
    if (eq <= 0) return null
    const key = part.slice(0, eq)
    if (fields.has(key)) return null
    fields.set(key, part.slice(eq + 1))
  }
  const storeId = fields.get('s')
  const assistantId = fields.get('a') ?? null
  if (!storeId || !ID_PATTERN.test(storeId)) return null
  if (assistantId !== null && !ID_PATTERN.test(assistantId)) return null
  return { storeId, assistantId }
}
