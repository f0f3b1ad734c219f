/**
 * The weapp as a phone in a test's hand: runtime.ts runs the compiled pages, draw.ts draws the page on top of
 * the stack from wcc's templates, events.ts taps and types into that drawing. Every step reads the drawing, as
 * a person reads the screen: a label that is not drawn cannot be tapped.
 */
import { loadTemplates, drawPage, findNode, findText, textOfDrawing, walk, type DrawnNode } from './draw'
import { dispatch } from './events'
import { loadWeapp } from './runtime'

type CallFunction = Parameters<typeof loadWeapp>[1]

export const weappPhone = (distDir: string, callFunction: CallFunction) => {
  const weapp = loadWeapp(distDir, callFunction)
  const templates = loadTemplates(distDir)
  const draw = (): DrawnNode => drawPage(templates, weapp)
  const page = () => {
    const top = weapp.current()
    if (!top) throw new Error('no page is open')
    return top
  }

  const fire = async (path: DrawnNode[], type: string, detail: Record<string, unknown>, what: string) => {
    if (!dispatch(page(), path, type, detail)) throw new Error(`${what}: nothing on the drawn path listens to ${type}`)
    await weapp.settled()
  }

  return {
    weapp,
    templates,
    draw,
    /** The drawing's text, whitespace collapsed. */
    text: () => textOfDrawing(draw()).replace(/\s+/g, ' ').trim(),
    /** Taps the drawn element whose text is `label` (the deepest one), as a finger does. */
    tap: async (label: string) => {
      const found = findText(draw(), label)
      if (!found) throw new Error(`"${label}" is not drawn on ${page().route}`)
      await fire(found.path, 'tap', { x: 0, y: 0 }, `tap "${label}"`)
    },
    /**
     * Taps the drawn `<button open-type="getPhoneNumber">` labelled `label`, and WeChat's sheet answers: the
     * button gets `getphonenumber` with `detail` — `{ code }` for 允许, `{ errMsg: 'getPhoneNumber:fail user deny' }`
     * for 拒绝 — after the tap, as on a phone. Fails when the button drawn there is not one.
     */
    tapPhoneButton: async (label: string, detail: { code?: string; errMsg: string }) => {
      const found = findText(draw(), label)
      if (!found) throw new Error(`"${label}" is not drawn on ${page().route}`)
      const at = found.path.map((n) => n.tag).lastIndexOf('wx-button')
      // wcc's drawing names the attribute as the template binds it (open-type → openType).
      const openType = at < 0 ? undefined : found.path[at].attr.openType
      if (openType !== 'getPhoneNumber') throw new Error(`"${label}" is no getPhoneNumber button (open-type ${String(openType)})`)
      dispatch(page(), found.path, 'tap', { x: 0, y: 0 })
      await weapp.settled()
      await fire(found.path.slice(0, at + 1), 'getphonenumber', detail, `getPhoneNumber on "${label}"`)
    },
    /** Types `value` into the drawn input whose placeholder is `placeholder` (input, then blur). */
    type: async (placeholder: string, value: string) => {
      const found = findNode(draw(), (n) => n.tag === 'wx-input' && n.attr.placeholder === placeholder)
      if (!found) throw new Error(`no input "${placeholder}" is drawn on ${page().route}`)
      await fire(found.path, 'input', { value, cursor: value.length, keyCode: 0 }, `type into "${placeholder}"`)
      dispatch(page(), found.path, 'blur', { value })
      await weapp.settled()
    },
    /** Confirms `value` in the n-th drawn picker of the page (what WeChat's picker reports on 确定). */
    pick: async (nth: number, value: unknown) => {
      const pickers = [...walk(draw())].filter(({ node }) => node.tag === 'wx-picker')
      if (!pickers[nth]) throw new Error(`no picker #${nth} is drawn on ${page().route}`)
      await fire(pickers[nth].path, 'change', { value }, `pick in picker #${nth}`)
    },
    /** Opens a page as after a reLaunch, as `caller`, and waits until it has settled. */
    open: (route: string, query: Record<string, string>, caller: string) => weapp.openPage(route, query, caller),
    route: () => page().route,
    close: () => weapp.close(),
  }
}

export type WeappPhone = ReturnType<typeof weappPhone>
