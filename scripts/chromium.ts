/**
 * Debian's Chromium (scripts/ensure-chromium.sh installs it), as the posters script and the browser tests launch it
 * through playwright-core: headless, no sandbox (CI runs as root), nothing fetched in the background.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
