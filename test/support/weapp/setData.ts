/**
 * setData as the base library applies it to the data the render layer holds: each key is a path
 * (`root.cn.[0].cn.[2].v`, `list[3].title`, `a.b`), its value replaces what is there, and the objects and arrays
 * on the way are made when missing.
 */
export const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))

/** `root.cn.[0].v` and `root.cn[0].v` → ['root', 'cn', 0, 'v']. */
export const pathOf = (key: string): (string | number)[] => {
  const segments: (string | number)[] = []
  for (const match of key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) segments.push(match[1] !== undefined ? Number(match[1]) : match[2])
  return segments
}

export const applySetData = (data: Record<string, unknown>, patch: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(patch)) {
    const path = pathOf(key)
    let at: Record<string | number, unknown> = data
    for (let i = 0; i < path.length - 1; i++) {
      const next = at[path[i]]
      if (next === null || typeof next !== 'object') at[path[i]] = typeof path[i + 1] === 'number' ? [] : {}
      at = at[path[i]] as Record<string | number, unknown>
    }
    at[path[path.length - 1]] = value
  }
}
