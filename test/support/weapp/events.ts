/**
 * A finger on the drawing: events dispatched as the base library dispatches them. A tap starts at the node
 * under the finger and bubbles up its path; each node that binds the event (`bindtap`, `bind:tap`) has its
 * handler called with that node as `currentTarget` — on the instance whose template drew it (a component's
 * method, or the page's: Taro binds `eh`, its one event handler) — until a `catch` binding stops it. Input,
 * change and blur go to the node itself. Taro's runtime then finds its element by the node's id and runs the
 * React handlers, exactly as on a phone.
 */
import type { DrawnNode } from './draw'
import type { Handler, LivePage } from './runtime'

const datasetOf = (attr: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(attr)
      .filter(([name]) => name.startsWith('data-'))
      .map(([name, value]) => [name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  )

const bindingOf = (node: DrawnNode, type: string): { handler: string; stops: boolean } | undefined => {
  for (const [prefix, stops] of [
    ['bind', false],
    ['bind:', false],
    ['catch', true],
    ['catch:', true],
    ['mut-bind:', false],
  ] as const) {
    const handler = node.attr[`${prefix}${type}`]
    if (typeof handler === 'string' && handler) return { handler, stops }
  }
  return undefined
}

const BUBBLES = new Set(['tap', 'longpress', 'touchstart', 'touchmove', 'touchend', 'touchcancel'])

/**
 * Dispatches `type` with `detail` at the last node of `path` (root first), bubbling for touch events as WeChat
 * does. Returns how many handlers ran (0: nothing on the path listens, which a test should treat as a failure).
 */
export const dispatch = (page: LivePage, path: DrawnNode[], type: string, detail: Record<string, unknown> = {}): number => {
  const target = path[path.length - 1]
  const targetInfo = { id: String(target.attr.id ?? ''), dataset: datasetOf(target.attr), offsetLeft: 0, offsetTop: 0 }
  let ran = 0
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]
    const binding = bindingOf(node, type)
    if (binding) {
      const owner = (node.owner ?? page.instance) as Record<string, unknown>
      const handler = owner[binding.handler] as Handler | undefined
      if (typeof handler !== 'function')
        throw new Error(`${node.tag}#${String(node.attr.id)} binds ${type} to ${binding.handler}, which its owner lacks`)
      handler.call(owner, {
        type,
        timeStamp: Date.now(),
        target: targetInfo,
        currentTarget: { id: String(node.attr.id ?? ''), dataset: datasetOf(node.attr), offsetLeft: 0, offsetTop: 0 },
        detail,
        touches: [],
        changedTouches: [],
        mark: {},
        mut: false,
      })
      ran++
      if (binding.stops) break
    }
    if (!BUBBLES.has(type)) break
  }
  return ran
}
