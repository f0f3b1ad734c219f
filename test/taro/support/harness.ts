/**
 * One app per test file (jsdom is fresh per file): the first `openPage` mounts it at that URL, later ones
 * `reLaunch` to it, as a shopper reopening the mini-program would. Queries go through @testing-library/dom:
 * the tests wait for what appears on screen, across real async page loads, with no act() bookkeeping.
 */
import Taro from '@tarojs/taro'
import { waitFor } from '@testing-library/dom'
import { mountApp } from './app'

let mounted = false

const pageIds = () => Array.from(document.querySelectorAll('.taro_page'), (page) => page.id)

export const openPage = async (url: string): Promise<void> => {
  if (!mounted) {
    mountApp(url)
    mounted = true
    return
  }
  const before = pageIds()
  await Taro.reLaunch({ url })
  // reLaunch resolves before the old pages leave the DOM: wait for exactly the new one.
  await waitFor(() => {
    const now = pageIds()
    if (now.length !== 1 || before.includes(now[0])) throw new Error(`still on ${now.join(', ')}`)
  })
}

/** The route the app shows now, e.g. "/pages/join/index". */
export const currentRoute = (): string => window.location.hash.replace(/^#/, '').split('?')[0]

/** The page on screen: Taro's H5 router keeps pages below it in the stack in the DOM, hidden. */
export const visiblePage = (): HTMLElement => {
  const pages = Taro.getCurrentPages() as { path?: string }[]
  const top = pages[pages.length - 1]?.path
  const element = top ? document.getElementById(top) : null
  if (!element) throw new Error('no page on screen')
  return element
}

/** The text of the first element matching `selector` in the page on screen, or null. */
export const textOf = (selector: string): string | null => visiblePage().querySelector(selector)?.textContent ?? null
