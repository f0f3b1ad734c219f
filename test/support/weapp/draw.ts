/**
 * A page drawn as WeChat's render layer draws it: wcc (WeChat's template compiler, scripts/weapp/compile.ts)
 * turns every WXML file of dist/ into `$gwx(path)`, a function that, given a page's data, returns the node tree
 * the render layer builds. This draws a live page of runtime.ts with the data its setData calls left, including
 * Taro's base.wxml templates, and each custom component a template names (Taro's `comp` for deep trees, the
 * native member code) drawn from its own template with its own instance's data. `virtual` nodes (wx:for, block)
 * are flattened and a virtual-host component leaves only its children, as on a phone.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { runInContext, runInNewContext } from 'node:vm'
import { compileTemplates, describeProblem } from '../../../scripts/weapp/compile'
import type { ComponentInstance, LivePage, Weapp } from './runtime'

export interface DrawnNode {
  /** `wx-view`, `wx-text`, `wx-member-code` … as the render layer names its elements. */
  tag: string
  attr: Record<string, unknown>
  children: Drawn[]
  /** The instance whose template drew this node: its methods answer the node's events (absent: the page). */
  owner?: ComponentInstance
  /** Set on a custom component's own node: the instance behind it. */
  component?: ComponentInstance
}
export type Drawn = DrawnNode | string

interface RawNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (RawNode | string | number | boolean | null | undefined)[]
}
type TemplateFunction = (data: unknown, env: unknown, global: unknown) => RawNode
type Gwx = (path: string) => TemplateFunction | undefined

/** wcc's output, run once per dist/: `$gwx` and the `usingComponents` of every page and component. */
export const loadTemplates = (distDir: string) => {
  const compiled = compileTemplates(distDir)
  if (compiled.problems.length) throw new Error(`wcc refused the build:\n${compiled.problems.map(describeProblem).join('\n')}`)
  // wcc's code writes to `window` and reads `global`; both are one object, as in the render layer.
  const sandbox: Record<string, unknown> = {
    console: { log() {}, warn: (...a: unknown[]) => warnings.push(a.join(' ')), error: (...a: unknown[]) => warnings.push(a.join(' ')) },
  }
  const warnings: string[] = []
  sandbox.window = sandbox
  sandbox.global = sandbox
  const $gwx = runInNewContext(`(function () { ${compiled.js}\n; return $gwx })()`, sandbox) as Gwx
  // Data reaches the render layer as JSON, so it is made of that realm's objects: wcc's WXS bridge checks
  // `o.constructor === Object` and hands a WXS function null for an object of another realm.
  const parseInRealm = runInContext('JSON.parse', sandbox) as (json: string) => unknown
  const inRealm = (data: unknown) => parseInRealm(JSON.stringify(data ?? {}))
  const using = new Map<string, Record<string, string>>()
  const usingOf = (file: string) => {
    if (!using.has(file)) {
      const json = join(distDir, `${file}.json`)
      const declared = existsSync(json)
        ? ((JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {})
        : {}
      using.set(
        file,
        Object.fromEntries(
          Object.entries(declared).map(([name, path]) => [
            name,
            path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(file), path),
          ]),
        ),
      )
    }
    return using.get(file)!
  }
  return { $gwx, usingOf, sandbox, warnings, inRealm }
}
export type Templates = ReturnType<typeof loadTemplates>

/** Draws the page at the top of the stack (or the page given) with the data it holds now. */
export const drawPage = (templates: Templates, weapp: Weapp, page: LivePage = weapp.current()!): DrawnNode => {
  const drawFile = (file: string, data: unknown, owner: ComponentInstance | undefined, keyPrefix: string): Drawn[] => {
    const generate = templates.$gwx(`${file}.wxml`)
    if (!generate) throw new Error(`wcc compiled no template for ${file}.wxml`)
    const root = generate(templates.inRealm(data), {}, templates.sandbox)
    return expandAll(root.children ?? [], file, owner, keyPrefix)
  }

  const expandAll = (children: RawNode['children'] & object, file: string, owner: ComponentInstance | undefined, key: string): Drawn[] =>
    children.flatMap((child, index) => expand(child, file, owner, `${key}.${index}`))

  const expand = (
    node: RawNode | string | number | boolean | null | undefined,
    file: string,
    owner: ComponentInstance | undefined,
    key: string,
  ): Drawn[] => {
    if (node === null || node === undefined || node === false) return []
    if (typeof node !== 'object') return [String(node)]
    if (node.tag === 'virtual') return expandAll(node.children ?? [], file, owner, key)
    const attr = node.attr ?? {}
    const componentPath = usingName(node.tag, templates.usingOf(file))
    if (componentPath) {
      // One instance per place: its id when it has one (Taro gives every node an id), else its position.
      const place = `${componentPath}#${String(attr.id ?? (attr.i as { sid?: string } | undefined)?.sid ?? key)}`
      const instance = weapp.componentAt(page, place, componentPath, attr)
      const shadow = drawFile(componentPath, instance.data, instance, place)
      if (instance.options.virtualHost) return shadow
      return [{ tag: node.tag, attr, children: shadow, owner, component: instance }]
    }
    return [{ tag: node.tag, attr, children: expandAll(node.children ?? [], file, owner, key), owner }]
  }

  return { tag: 'wx-page', attr: {}, children: drawFile(page.route, page.instance.data, undefined, page.route) }
}

const usingName = (tag: string, using: Record<string, string>) => (tag.startsWith('wx-') ? using[tag.slice(3)] : undefined)

const BLOCKS = new Set([
  'wx-view',
  'wx-button',
  'wx-input',
  'wx-textarea',
  'wx-picker',
  'wx-image',
  'wx-scroll-view',
  'wx-swiper',
  'wx-canvas',
  'wx-form',
  'wx-navigator',
])

/** The text the drawing carries, a line per block element (a rough innerText; the browser's is in html.ts). */
export const textOfDrawing = (node: Drawn): string => {
  if (typeof node === 'string') return node
  const inner = node.children.map(textOfDrawing).join('')
  return BLOCKS.has(node.tag) || node.component ? `\n${inner}\n` : inner
}

/** Every node of the drawing with the path from the root to it. */
export function* walk(node: DrawnNode, path: DrawnNode[] = []): Generator<{ node: DrawnNode; path: DrawnNode[] }> {
  const here = [...path, node]
  yield { node, path: here }
  for (const child of node.children) if (typeof child !== 'string') yield* walk(child, here)
}

/** The deepest element whose own text (its text children, joined) is `text`, with its path. */
export const findText = (root: DrawnNode, text: string) => {
  let found: { node: DrawnNode; path: DrawnNode[] } | undefined
  for (const at of walk(root)) if (ownText(at.node).trim() === text) found = at
  return found
}

export const ownText = (node: DrawnNode): string => node.children.map((c) => (typeof c === 'string' ? c : ownText(c))).join('')

export const findNode = (root: DrawnNode, test: (node: DrawnNode) => boolean) => {
  for (const at of walk(root)) if (test(at.node)) return at
  return undefined
}
