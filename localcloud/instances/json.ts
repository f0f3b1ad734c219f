/**
 * JSON text of an event however deeply it nests. A client's callFunction travels as JSON, and CloudBase's runtime
 * parses it: JSON.parse takes any depth (it does not recurse), but V8's JSON.stringify and structured clone
 * (postMessage to an instance) do, and overflow the stack on nesting a few thousand levels deep (measured on
 * Node 20: clone fails from ~3,000 levels, stringify from ~5,000). So the local cloud falls back to this walk,
 * which keeps its own stack, to measure such an event and to hand it to an instance as the text CloudBase would.
 * Same output as JSON.stringify for what JSON can carry (toJSON honoured; undefined, functions and symbols left
 * out of objects and null in arrays; a BigInt or a cycle throws TypeError, as JSON.stringify does).
 */
class Text {
  constructor(readonly text: string) {}
}
/** Marks the end of an object's parts: it is no longer an ancestor of what follows. */
class Leave {
  constructor(readonly object: object) {}
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol'

export const toJsonText = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value)
  } catch (e) {
    if ((e as Error)?.name !== 'RangeError') throw e // by name: it may come from another realm
  }
  const out: string[] = []
  const todo: unknown[] = [value]
  const ancestors = new Set<object>()
  while (todo.length > 0) {
    let v = todo.pop()
    if (v instanceof Text) {
      out.push(v.text)
      continue
    }
    if (v instanceof Leave) {
      ancestors.delete(v.object)
      continue
    }
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
      v = (v as { toJSON: () => unknown }).toJSON()
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null')
      continue
    }
    // A cycle would never end: refused as JSON.stringify refuses it (a value met twice side by side is fine).
    if (ancestors.has(v)) throw new TypeError('Converting circular structure to JSON')
    ancestors.add(v)
    const parts: unknown[] = []
    if (Array.isArray(v)) {
      parts.push(new Text('['))
      v.forEach((item, i) => parts.push(...(i > 0 ? [new Text(',')] : []), omitted(item) ? null : item))
      parts.push(new Text(']'))
    } else {
      parts.push(new Text('{'))
      let first = true
      for (const key of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[key]
        if (omitted(item)) continue
        parts.push(new Text(`${first ? '' : ','}${JSON.stringify(key)}:`), item)
        first = false
      }
      parts.push(new Text('}'))
    }
    parts.push(new Leave(v))
    for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i])
  }
  return out.join('')
}
