/** How pictures are named in cloud storage, shared by both platforms' uploads (services/imageUpload). */

/** Wider is never shown: 375 px at 2×, with room for a 3× screen's full-width cover. */
export const IMAGE_MAX_WIDTH = 1080
/** JPEG quality after shrinking: a 1080-px cover lands near 150–250 KB. */
export const IMAGE_QUALITY = 0.8

/** `images/events/20261207-103201-k3j9x2.jpg`: unique without knowing who uploads (the storage rule records that). */
export const imageCloudPath = (folder: string, now = new Date(), random = Math.random()): string => {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `images/${folder}/${stamp}-${random.toString(36).slice(2, 8).padEnd(6, '0')}.jpg`
}

/** The width and height to draw a `width`×`height` picture at so that it is at most `maxWidth` wide. */
export const shrunkSize = (width: number, height: number, maxWidth = IMAGE_MAX_WIDTH): { width: number; height: number } =>
  width <= maxWidth ? { width, height } : { width: maxWidth, height: Math.max(1, Math.round((height * maxWidth) / width)) }
