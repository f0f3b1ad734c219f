/**
 * A drawn weapp page (draw.ts) as an HTML document a browser can show, styled by wcsc's own output: the
 * compiler's prelude (`setCssToHead`, which turns rpx into px for the window's width) and the sheets of
 * app.wxss, of each custom component on the page and of the page itself run in the document as WeChat's render
 * layer runs them. The elements keep the render layer's names (`wx-view`, `wx-text` …, custom elements in
 * HTML), so wcsc's selectors (`page` → `body`, `view` → `wx-view`) apply unchanged. What the render layer draws
 * natively is approximated (README, "What the weapp drawing is and is not"):
 * - the components' default styles are Taro's H5 copies of WeChat's (@tarojs/components, renamed `wx-*`);
 * - `image` is an <img> with its mode as object-fit, `input`/`textarea` show their value or placeholder (with
 *   placeholder-class) as WeChat's own input does when not focused, `canvas` is an outlined box (its drawing
 *   commands run on the phone's canvas, which nothing here replays);
 * - the navigation bar (title, colours from the page's .json, the capsule) is drawn as WeChat's chrome;
 * - component style isolation is not modelled: every class is global (the app's classes are BEM-unique).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StyleCompilation } from '../../../scripts/weapp/compile'
import type { Drawn, DrawnNode } from './draw'

const TARO_STYLES = join(require.resolve('@tarojs/components/package.json'), '..', 'dist/collection/components')
/** WeChat's built-in components this app's templates use, with Taro's H5 copy of their default look. */
const DEFAULT_LOOKS = ['view', 'text', 'image', 'button', 'input', 'textarea', 'canvas', 'scroll-view']

let baseCss: string | null = null
const componentDefaults = () =>
  (baseCss ??=
    DEFAULT_LOOKS.map((name) =>
      readFileSync(join(TARO_STYLES, name, 'style/index.css'), 'utf8').replace(/taro-([a-z-]+?)-core/g, 'wx-$1'),
    ).join('\n') +
    `
body { margin: 0; }
wx-picker { display: block; }
wx-member-code { display: block; }
wx-image > img { width: 100%; height: 100%; display: block; }
wx-input, wx-textarea { display: block; min-height: 1.4em; overflow: hidden; white-space: nowrap; }
wx-textarea { white-space: pre-wrap; height: 150px; }
.wx-field::before { content: attr(data-text); }
.wx-field--placeholder { color: #808080; }
wx-canvas { outline: 1px dashed #b5afa5; outline-offset: -1px; }
wx-canvas::after { content: 'canvas'; color: #b5afa5; font: 12px/1 monospace; display: block; padding: 4px; }
.wx-navigation-bar { position: sticky; top: 0; z-index: 10; height: 44px; display: flex; align-items: center; justify-content: center;
  font: 600 17px/44px -apple-system, 'PingFang SC', 'Noto Sans CJK SC', sans-serif; }
.wx-navigation-bar__capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; box-sizing: border-box;
  border: 1px solid rgba(0, 0, 0, .12); border-radius: 16px; background: rgba(255, 255, 255, .6);
  display: flex; align-items: center; justify-content: space-around; font: 600 13px/1 sans-serif; }
.wx-navigation-bar__capsule i { width: 1px; height: 18px; background: rgba(0, 0, 0, .15); }
`)

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Attributes the default looks select on (button[type], text[space] …) or the page styles with. */
const KEPT_ATTRIBUTES = new Set([
  'class',
  'style',
  'id',
  'type',
  'size',
  'plain',
  'disabled',
  'loading',
  'space',
  'selectable',
  'user-select',
  'number-of-lines',
])

const IMAGE_FIT: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'fill',
  heightFix: 'fill',
}

/** rpx → px as wcsc's prelude does it (`transformRPX`): floored, and never under 1 px when not zero (not iOS). */
export const rpxToPx = (rpx: number, windowWidth: number) => {
  if (rpx === 0) return 0
  const px = Math.floor((rpx / 750) * windowWidth + 1e-4)
  return px === 0 ? 1 : px
}

/** The base library turns rpx in a `style` attribute into px when it sets it, as wcsc does for sheets. */
const inlineStyle = (style: string, windowWidth: number) =>
  style.replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => `${rpxToPx(Number(n), windowWidth)}px`)

const attributesOf = (node: DrawnNode, windowWidth: number) =>
  Object.entries(node.attr)
    .filter(([name, value]) => KEPT_ATTRIBUTES.has(name) && value !== undefined && value !== null && value !== false && value !== '')
    .map(([name, value]) => {
      if (value === true) return ` ${name}`
      const text = name === 'style' ? inlineStyle(String(value), windowWidth) : String(value)
      return ` ${name}="${escapeHtml(text)}"`
    })
    .join('')

const field = (node: DrawnNode) => {
  const value = String(node.attr.value ?? '')
  const placeholder = String(node.attr.placeholder ?? '')
  // Shown as generated content: a field's value and placeholder are not text a reader's innerText holds.
  return value
    ? `<div class="wx-field" data-text="${escapeHtml(node.attr.password ? '•'.repeat(value.length) : value)}"></div>`
    : `<div class="wx-field wx-field--placeholder ${escapeHtml(String(node.attr['placeholder-class'] ?? ''))}" style="${escapeHtml(String(node.attr['placeholder-style'] ?? ''))}" data-text="${escapeHtml(placeholder)}"></div>`
}

const nodeHtml = (node: Drawn, windowWidth: number): string => {
  if (typeof node === 'string') return escapeHtml(node)
  const attributes = (n: DrawnNode) => attributesOf(n, windowWidth)
  const inner = node.children.map((child) => nodeHtml(child, windowWidth)).join('')
  switch (node.tag) {
    case 'wx-image': {
      const mode = String(node.attr.mode ?? 'scaleToFill')
      const widthFix = mode === 'widthFix' ? ' style="height:auto"' : ''
      return `<wx-image${attributes(node)}><img src="${escapeHtml(String(node.attr.src ?? ''))}" style="object-fit:${IMAGE_FIT[mode] ?? 'none'}"${widthFix}></wx-image>`
    }
    case 'wx-input':
    case 'wx-textarea':
      return `<${node.tag}${attributes(node)}>${field(node)}</${node.tag}>`
    default:
      return `<${node.tag}${attributes(node)}>${inner}</${node.tag}>`
  }
}

export interface NavigationBar {
  title: string
  background: string
  textStyle: 'black' | 'white'
}

/** Which sheets style a page: app.wxss, then each custom component the drawing holds, then the page's own. */
export const sheetsFor = (styles: StyleCompilation, route: string, drawing: DrawnNode) => {
  const components = new Set<string>()
  const visit = (node: Drawn) => {
    if (typeof node === 'string') return
    if (node.component) components.add(node.component.path)
    node.children.forEach(visit)
  }
  visit(drawing)
  return ['app.wxss', ...[...components].map((c) => `${c}.wxss`), `${route}.wxss`].filter((file) => styles.sheets[file])
}

/** The whole document: wcsc's prelude and sheets, the default looks, the navigation bar and the drawing. */
export const drawingToHtml = (drawing: DrawnNode, styles: StyleCompilation, sheets: string[], bar: NavigationBar, windowWidth = 375) => {
  const inject = sheets.map((file) => `(${styles.sheets[file]})('', { deviceWidth: ${windowWidth} });`).join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=${windowWidth}, initial-scale=1">
<style>${componentDefaults()}</style>
<script>${styles.comm}
${inject}</script>
</head><body>
<div class="wx-navigation-bar" style="background:${escapeHtml(bar.background)};color:${bar.textStyle === 'white' ? '#fff' : '#000'}">${escapeHtml(bar.title)}<div class="wx-navigation-bar__capsule"><span>•••</span><i></i><span>◎</span></div></div>
${drawing.children.map((node) => nodeHtml(node, windowWidth)).join('')}
</body></html>`
}
