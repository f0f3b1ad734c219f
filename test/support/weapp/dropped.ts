/**
 * Nothing dropped: every node Taro sent to the render layer (the page's data, `root.cn…`) must be in the
 * drawing wcc's templates make of it — an element by its id (Taro's `uid || sid`), a text node as a text child
 * of its drawn parent. A node lost to template depth, to a component base.wxml has no template for, or to a
 * custom component that draws nothing is reported with its data path, component number and class.
 */
import { walk, type DrawnNode } from './draw'

interface TaroNode {
  nn?: string
  sid?: string
  uid?: string
  cl?: string
  v?: string
  cn?: TaroNode[]
}

const describe = (node: TaroNode) => `<${node.nn ?? '?'}${node.cl ? ` class="${node.cl}"` : ''}>`

export const undrawn = (data: Record<string, unknown>, drawing: DrawnNode): string[] => {
  const drawnById = new Map<string, DrawnNode>()
  for (const { node } of walk(drawing)) if (node.attr.id !== undefined && node.attr.id !== '') drawnById.set(String(node.attr.id), node)
  const missing: string[] = []
  const visit = (node: TaroNode, path: string, parent: DrawnNode) => {
    if (typeof node.v === 'string') {
      if (!parent.children.some((child) => typeof child === 'string' && child === node.v))
        missing.push(`${path} text ${JSON.stringify(node.v.slice(0, 40))}`)
      return
    }
    const drawn = drawnById.get(String(node.uid ?? node.sid))
    if (!drawn) {
      missing.push(`${path} ${describe(node)}`)
      return
    }
    node.cn?.forEach((child, i) => visit(child, `${path}.cn[${i}]`, drawn))
  }
  const root = data.root as TaroNode | undefined
  if (!root?.cn?.length) return ['root: the page sent no tree']
  root.cn.forEach((child, i) => visit(child, `root.cn[${i}]`, drawing))
  return missing
}
