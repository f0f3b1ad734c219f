/**
 * What the end-to-end tests do on the phone's screen, bound lazily to the demo a test file's beforeAll starts:
 * open a page as a local identity, find a field by its placeholder, read text, tap a label, confirm a picker,
 * and call a function directly (for setup the story does not show).
 */
import type { Demo } from './demo'

export const onScreen = (demo: () => Demo | undefined) => {
  const started = (): Demo => {
    const d = demo()
    if (!d) throw new Error('e2e: the demo has not started (call onScreen helpers inside tests)')
    return d
  }
  const page = () => started().phone.page
  const visible = (selector: string) => page().locator(`.taro_page:visible ${selector}`)
  return {
    /**
     * Opens a page (a route, or a full URL) as a demo identity, kept where the H5 identity switcher keeps it. The
     * identity is set from a page outside the app: a page of the app could still be redirecting as the previous
     * identity (the card sends a non-member to the join page) and replace the page this opens.
     */
    openAs: async (openid: string, route: string) => {
      const { cloud } = started()
      await page().goto(`${cloud.url}/functions/`)
      await page().evaluate((id) => window.localStorage.setItem('vipcard.localOpenid', id), openid)
      await page().goto(route.startsWith('http') ? route : `${cloud.url}/#${route}`)
    },
    /** Taro's <Input> renders a real <input> inside its own element; type into the real one. */
    field: (placeholder: string) => page().locator(`.taro_page:visible input[placeholder="${placeholder}"]`),
    visible,
    text: async (selector: string) => (await visible(selector).first().innerText()).replace(/\s+/g, ' ').trim(),
    tapText: (label: string) => page().locator('.taro_page:visible').getByText(label, { exact: true }).click(),
    /** Taps the chip `value` (a size, a colour) in the form row labelled `label`. */
    chip: (label: string, value: string) =>
      page()
        .locator('.taro_page:visible .field')
        .filter({ has: page().locator('.field__label', { hasText: label }) })
        .locator('.chips__chip')
        .getByText(value, { exact: true })
        .click(),
    /** Confirms a choice in the n-th picker of the page on screen, as Taro's Picker reports it on confirm. */
    pick: (nth: number, value: unknown) =>
      page().evaluate(
        ([index, chosen]) => {
          const shown = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
          const picker = shown[shown.length - 1].querySelectorAll('taro-picker-core')[index as number]
          picker.dispatchEvent(new CustomEvent('change', { detail: { value: chosen } }))
        },
        [nth, value] as const,
      ),
    call: async <T>(openid: string, name: string, action: string, input: object): Promise<T> => {
      const result = (await started().cloud.invoke(name, { action, input }, { openid })) as { ok: boolean; data: T; error?: unknown }
      if (!result.ok) throw new Error(`${name}.${action}: ${JSON.stringify(result.error)}`)
      return result.data
    },
  }
}
