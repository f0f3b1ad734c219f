/** The security-rule language the local cloud evaluates: parsed strictly, checked against what a query pins. */
import { allows, docField, parseCollectionRules, parseRule, pinsOf, UNKNOWN } from '../../localcloud/clientdb/rules'

const forQuery = (rule: string | boolean, query: unknown, openid: string | null = 'me') => {
  const alternatives = pinsOf(query)
  if (!alternatives) return false
  return alternatives.every((pins) => allows(parseRule(rule), { openid, doc: (p) => (pins.has(p) ? pins.get(p)! : UNKNOWN) }))
}

describe('parsing', () => {
  it.each([
    'doc._id == auth.openid',
    'doc.published == true || doc.author == auth.openid',
    '!(doc.status != "open") && doc.n == -2.5',
    'auth.uid == null',
  ])('accepts %s', (rule) => expect(() => parseRule(rule)).not.toThrow())

  it.each([
    ["get('database.x.y').owner == auth.openid", /not supported/],
    ['doc.t > now', /unexpected/],
    ['auth.openid in doc.owners', /not supported/],
    ['doc.a == ', /end of the rule/],
    ['doc == auth.openid', /needs a field/],
    ['request.data.x == 1', /not supported/],
    ["doc.a == 'x\\'y'", /escapes|unexpected/],
  ])('refuses %s', (rule, message) => expect(() => parseRule(rule)).toThrow(message))

  it('refuses create/update/delete overrides and non-object rules, defaults to deny', () => {
    expect(() => parseCollectionRules({ read: true, write: false, create: true }, 'x.json')).toThrow(/create are not supported/)
    expect(() => parseCollectionRules('true', 'x.json')).toThrow(/must be an object/)
    const none = parseCollectionRules(undefined, 'x.json')
    expect([none.read.source, none.write.source]).toEqual([false, false])
  })
})

describe('a rule against a query (the query must be a subset of the rule)', () => {
  const own = 'doc._id == auth.openid'
  it('holds only when the query pins the field to the caller', () => {
    expect(forQuery(own, { _id: 'me' })).toBe(true)
    expect(forQuery(own, { _id: { $eq: 'me' }, tier: 'vip' })).toBe(true)
    expect(forQuery(own, { $and: [{ tier: 'vip' }, { _id: 'me' }] })).toBe(true)
    expect(forQuery(own, { _id: 'you' })).toBe(false)
    expect(forQuery(own, {})).toBe(false)
    expect(forQuery(own, { _id: { $in: ['me'] } })).toBe(false)
    expect(forQuery(own, { _id: { $ne: 'you' } })).toBe(false)
    expect(forQuery(own, { _id: 'me' }, null)).toBe(false)
  })

  it('needs every $or branch to hold', () => {
    expect(
      forQuery(own, {
        $or: [
          { _id: 'me', a: 1 },
          { _id: 'me', a: 2 },
        ],
      }),
    ).toBe(true)
    expect(forQuery(own, { $or: [{ _id: 'me' }, { _id: 'you' }] })).toBe(false)
    expect(forQuery(own, { $or: [{ _id: 'me' }, { a: 1 }] })).toBe(false)
  })

  it('evaluates || and && with unknowns as CloudBase does: unknown never allows', () => {
    const rule = 'doc.published == true || doc.author == auth.openid'
    expect(forQuery(rule, { published: true })).toBe(true)
    expect(forQuery(rule, { author: 'me' })).toBe(true)
    expect(forQuery(rule, { published: false })).toBe(false)
    expect(forQuery('doc.a == 1 && doc.b == 2', { a: 1 })).toBe(false)
    expect(forQuery('doc.a == 1 && doc.b == 2', { a: 1, b: 2 })).toBe(true)
    expect(forQuery('!(doc.a == 1)', { a: 2 })).toBe(true)
    expect(forQuery('!(doc.a == 1)', {})).toBe(false)
    expect(forQuery(true, {})).toBe(true)
    expect(forQuery(false, { _id: 'me' })).toBe(false)
  })

  it('gives up on queries with too many alternatives', () => {
    const many = { $and: Array.from({ length: 6 }, (_, i) => ({ $or: [{ [`a${i}`]: 1 }, { [`a${i}`]: 2 }] })) }
    expect(pinsOf(many)).toBeNull()
  })

  it('reads a new document for add()', () => {
    expect(docField({ a: { b: 'x' } }, 'a.b')).toBe('x')
    expect(docField({ a: 1 }, 'z')).toBeNull()
    expect(docField({ a: { b: [1] } }, 'a.b')).toBe(UNKNOWN)
  })
})
