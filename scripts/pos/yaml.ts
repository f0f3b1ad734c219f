/**
 * A small YAML writer for JSON-shaped data (objects, arrays, strings, numbers, booleans, null): enough to write
 * docs/pos-api.yaml from the document the function serves, without a YAML dependency. Strings that could read as
 * anything but themselves are written double-quoted (JSON's escapes are YAML's); multi-line ones as literal blocks.
 */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,;()/'’`*=+-]*$/
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i

const scalar = (v: unknown): string => {
  if (v === null) return 'null'
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !/: | #/.test(s) ? s : JSON.stringify(s)
}

const KEY = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/
const key = (k: string) => (KEY.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k))

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The value after `key:` or `- `: inline for scalars and empty collections, else on the following lines. */
const after = (v: unknown, indent: number): string => {
  if (Array.isArray(v)) return v.length === 0 ? ' []' : `\n${lines(v, indent)}`
  if (isObject(v)) return Object.keys(v).length === 0 ? ' {}' : `\n${lines(v, indent)}`
  if (typeof v === 'string' && v.includes('\n')) {
    const pad = ' '.repeat(indent)
    return ` |-\n${v
      .split('\n')
      .map((l) => (l === '' ? '' : pad + l))
      .join('\n')}`
  }
  return ` ${scalar(v)}`
}

const lines = (v: unknown[] | Record<string, unknown>, indent: number): string => {
  const pad = ' '.repeat(indent)
  if (Array.isArray(v))
    return v
      .map((item) => {
        if (isObject(item) && Object.keys(item).length > 0) {
          // The first key on the dash's line, the others under it.
          const inner = lines(item, indent + 2)
          return `${pad}- ${inner.slice(indent + 2)}`
        }
        return `${pad}-${after(item, indent + 2)}`
      })
      .join('\n')
  return Object.entries(v)
    .map(([k, value]) => `${pad}${key(k)}:${after(value, indent + 2)}`)
    .join('\n')
}

export const toYaml = (value: Record<string, unknown>): string => `${lines(value, 0)}\n`
