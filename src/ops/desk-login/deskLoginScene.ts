/** The desk's sign-in code opens this page with the scene `d=<requestId>` (cloudfunctions/desk). */
export const requestIdFromScene = (scene: string | undefined): string | null => {
  let text = scene ?? ''
  try {
    text = decodeURIComponent(text)
  } catch {
    return null
  }
  const m = /^d=([A-Za-z0-9_-]{22})$/.exec(text)
  return m ? m[1] : null
}
