/**
 * Oversized input is refused before it costs anything: every array of every input schema has its length
 * checked before its items are validated (valibot's v.array validates and reports every item first, so a
 * few million items used to cost an instance all its memory), the edge refuses absurd sizes and depths
 * anywhere in the input in one error, and the error list it returns is capped.
 */
import * as v from 'valibot'
import * as opsSchemas from '../../src/api/opsSchemas'
import * as privacySchemas from '../../src/api/privacySchemas'
import * as programSchemas from '../../src/api/programSchema'
import * as schemas from '../../src/api/schemas'
import { check, MAX_FIELD_ERRORS } from '../../src/api/fields'
import { invalidInput } from '../../src/domain/errors'

const exported: [string, unknown][] = Object.entries({ ...schemas, ...opsSchemas, ...programSchemas, ...privacySchemas })
const INPUT_SCHEMAS = exported.filter(
  (e): e is [string, v.GenericSchema] =>
    e[0].endsWith('Schema') && typeof e[1] === 'object' && e[1] !== null && (e[1] as { kind?: unknown }).kind === 'schema',
)

type Node = v.GenericSchema & {
  type: string
  wrapped?: Node
  pipe?: Node[]
  entries?: Record<string, Node>
  options?: Node[]
  item?: Node
  items?: Node[]
}

/** Every field (by path) whose schema takes an array, found by walking the schema itself. */
const arrayFields = (schema: Node, path: string, out: { path: string; schema: Node }[] = []) => {
  const parts = (s: Node): Node[] => [
    s,
    ...(s.wrapped ? parts(s.wrapped) : []),
    ...(s.pipe ?? []).filter((p) => p !== s && p.kind === 'schema').flatMap(parts),
  ]
  const flat = parts(schema)
  const array = flat.find((s) => s.type === 'array')
  if (array) {
    out.push({ path, schema })
    arrayFields(array.item!, `${path}[]`, out)
  }
  for (const s of flat) {
    for (const [key, entry] of Object.entries(s.entries ?? {})) arrayFields(entry, path ? `${path}.${key}` : key, out)
    for (const option of s.options ?? [])
      if (typeof option === 'object' && option !== null && 'kind' in option) arrayFields(option, path, out)
    for (const [i, item] of (s.type.endsWith('tuple') ? (s.items ?? []) : []).entries()) arrayFields(item, `${path}[${i}]`, out)
  }
  // A pipe carries its first schema's keys too: the same field is met twice.
  return out.filter((f, i) => out.findIndex((g) => g.path === f.path) === i)
}

const nested = (depth: number): unknown => {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}
const MB = 1 << 20

describe('a 2.4-million-item array', () => {
  // Refused before its items are looked at: one issue, not 2.4 million (what cost an instance its memory).
  it('in member.updateProfile colours is refused in one error naming colours', () => {
    const value = check(schemas.UpdateProfileSchema, { colours: Array(2_400_000).fill(1) })
    expect(value.ok).toBe(false)
    if (value.ok) return
    expect(value.fields).toHaveLength(1)
    expect(value.fields[0].field).toBe('colours')
    expect(value.fields[0].message).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('every array of every input schema', () => {
  const fields = INPUT_SCHEMAS.flatMap(([name, schema]) => arrayFields(schema as Node, '').map((f) => ({ name, ...f })))

  it('is found (the walk sees the schemas)', () => {
    expect(fields.map((f) => `${f.name}:${f.path}`)).toEqual(
      expect.arrayContaining([
        'UpdateProfileSchema:colours',
        'CreateCampaignSchema:audience.memberCodes',
        'UpdateProgramSchema:rules.serviceBenefits[].tiers',
      ]),
    )
  })

  it.each(
    INPUT_SCHEMAS.flatMap(([name, schema]) => arrayFields(schema as Node, '').map((f): [string, string, Node] => [name, f.path, f.schema])),
  )('%s %s has its length checked before its items: 200,000 bad items give one issue', (_name, _path, schema) => {
    const value = v.safeParse(schema, Array(200_000).fill({ $gt: '' }), { abortEarly: false })
    expect(value.success).toBe(false)
    expect(value.issues).toHaveLength(1)
  })
})

describe('oversized input anywhere, for every input schema', () => {
  const OVERSIZED: [string, unknown][] = [
    ['1 MB array of small items in a field', { junk: Array(MB / 4).fill('x') }],
    ['1 MB string in an array in a field', { junk: ['x'.repeat(MB)] }],
    ['10,000-deep nesting in a field', { junk: nested(10_000) }],
    ['10,000-deep nesting as the input', nested(10_000)],
    ['1 MB array as the input', Array(MB / 4).fill('x')],
  ]
  it.each(
    INPUT_SCHEMAS.flatMap(([name, schema]) =>
      OVERSIZED.map(([what, input]): [string, string, v.GenericSchema, unknown] => [name, what, schema, input]),
    ),
  )('%s refuses a %s in one error', (_name, _what, schema, input) => {
    const value = check(schema, input)
    expect(value.ok).toBe(false)
    if (value.ok) return
    expect(value.fields).toHaveLength(1)
    expect(value.fields[0].message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('names where the input is too big', () => {
    const at = (input: unknown) => {
      const result = check(schemas.UpdateProfileSchema, input)
      return result.ok ? null : result.fields[0].field
    }
    expect(at({ colours: Array(5_000).fill('红') })).toBe('colours')
    expect(at({ styles: ['x'.repeat(MB)] })).toBe('styles.0')
    expect(at({ deliveryAddress: nested(10_000) })).toMatch(/^deliveryAddress\.a\.a/)
    expect(at({ '': Array(5_000).fill(1) })).toBe('(input)') // a key named '' still names something
  })

  it('leaves inputs of every real size alone: a list of 1,000 members, a long description', () => {
    const codes = Array.from({ length: 1_000 }, (_, i) => String(10_000_000_000 + i))
    const campaign = check(schemas.CreateCampaignSchema, {
      title: '名单活动',
      templateId: 'welcome-20off200',
      mode: 'issue',
      audience: { kind: 'list', memberCodes: codes },
      opensAt: '2026-11-24T00:00:00+08:00',
      vipEarlyDays: 0,
      endsAt: '2026-12-31T23:59:59+08:00',
      requestId: 'bounds-test-1',
    })
    expect(campaign.ok).toBe(true)
  })
})

describe('the error list', () => {
  it(`holds at most ${MAX_FIELD_ERRORS} fields, however many are bad`, () => {
    const bad = check(schemas.CreateCampaignSchema, {
      title: 1,
      templateId: 2,
      mode: 'x',
      audience: { kind: 'list', memberCodes: Array(1_000).fill('not a code') },
      opensAt: 3,
      vipEarlyDays: 'x',
      endsAt: 4,
      requestId: 5,
    })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(MAX_FIELD_ERRORS).toBeGreaterThanOrEqual(10)
    expect(bad.fields).toHaveLength(MAX_FIELD_ERRORS)
    // The message the edge answers is built from them: bounded too.
    expect(invalidInput(bad.fields).message.length).toBeLessThan(MAX_FIELD_ERRORS * 100)
  })
})
