/**
 * What the local cloud does not model fails loudly, naming the feature (issue 18, item 5): a local cloud that
 * quietly did something else would let code pass here that behaves otherwise on CloudBase. What it does model of
 * the same families (Geo values stored and read back) works. The fidelity table is in localcloud/README.md.
 */
import { rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Executor } from '../../localcloud/executor/executor'
import { failure, inProcessDb, tempDir } from './support'

let h: ReturnType<typeof inProcessDb>
beforeAll(() => {
  h = inProcessDb()
})
afterAll(() => h.close())

type Any = any
const UNAVAILABLE = 'not available on the local cloud'
const things = () => h.db.collection('things')

describe('watch() (realtime listeners)', () => {
  it("is not in wx-server-sdk, and the realtime sign-in @cloudbase/node-sdk's watch() starts with is refused, naming it", () => {
    // wx-server-sdk has no watch() on the server (CloudBase runs the same SDK: calling it is a TypeError there too).
    expect(typeof (things() as Any).watch).toBe('undefined')
    expect(typeof (things().where({ a: 1 }) as Any).watch).toBe('undefined')
    // @cloudbase/node-sdk's Query.watch → RealtimeWebSocketClient.getWsSign → request.send('auth.wsWebSign'): the
    // database seam's send, answered here.
    const answer = h.executor.handle('auth.wsWebSign', { runtime: 'node' })
    expect(answer).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR', message: expect.stringContaining(`${UNAVAILABLE}: watch()`) })
  })
})

describe('db.command.expr', () => {
  it('is refused in a query and in an aggregate $match, naming it', async () => {
    const $ = h.db.command.aggregate
    const err = await failure(
      things()
        .where(h._.expr($.eq(['$a', '$b'])))
        .get(),
    )
    expect(err.errCode).toBe(-502002)
    expect(err.errMsg).toContain(`${UNAVAILABLE}: db.command.expr`)
    const agg = await failure(
      things()
        .aggregate()
        .match(h._.expr($.gt(['$a', 1])))
        .end(),
    )
    expect(agg.errMsg).toContain(`${UNAVAILABLE}: db.command.expr`)
  })
})

describe('geo', () => {
  it('stores Geo values and reads them back as Geo objects (GeoJSON documents), but refuses geo queries, naming the command', async () => {
    const { Point, LineString, Polygon } = h.db.Geo
    const ring = LineString([Point(0, 0), Point(3, 2), Point(2, 3), Point(0, 0)])
    await things().add({ data: { _id: 'geo-1', at: Point(113.3, 23.1), area: Polygon([ring]) } })
    expect(h.executor.get('things', 'geo-1')).toEqual({
      _id: 'geo-1',
      at: { type: 'Point', coordinates: [113.3, 23.1] },
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [3, 2],
            [2, 3],
            [0, 0],
          ],
        ],
      },
    })
    const { data } = await things().doc('geo-1').get()
    expect(data.at.constructor.name).toBe('Point')
    expect([data.at.longitude, data.at.latitude]).toEqual([113.3, 23.1])
    expect(data.area.constructor.name).toBe('Polygon')

    const polygon = Polygon([ring])
    const near = await failure(
      things()
        .where({ at: h._.geoNear({ geometry: Point(113, 23), maxDistance: 1000 }) })
        .get(),
    )
    expect(near.errMsg).toContain(`${UNAVAILABLE}: db.command.geoNear`)
    const within = await failure(
      things()
        .where({ at: h._.geoWithin({ geometry: polygon }) })
        .get(),
    )
    expect(within.errMsg).toContain(`${UNAVAILABLE}: db.command.geoWithin`)
    const intersects = await failure(
      things()
        .where({ area: h._.geoIntersects({ geometry: Point(1, 1) }) })
        .count(),
    )
    expect(intersects.errMsg).toContain(`${UNAVAILABLE}: db.command.geoIntersects`)
    const stage = await failure(
      things()
        .aggregate()
        .geoNear({ near: Point(113, 23), distanceField: 'd', spherical: true })
        .end(),
    )
    expect(stage.errMsg).toContain(`${UNAVAILABLE}: aggregate().geoNear()`)
  })

  it('fails the start on a geo index declaration, naming the index', () => {
    const dataDir = tempDir()
    const collectionsDir = join(dataDir, 'collections')
    mkdirSync(collectionsDir)
    writeFileSync(
      join(collectionsDir, 'shops.json'),
      JSON.stringify({ name: 'shops', indexes: [{ name: 'at_geo', keys: [{ field: 'at', direction: '2dsphere' }] }] }),
    )
    try {
      expect(() => new Executor({ dataDir, collectionsDir })).toThrow(
        `${UNAVAILABLE}: geo indexes ("2dsphere"), index at_geo in shops.json`,
      )
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('indexes on array fields (multikey)', () => {
  it('refuses a write that puts an array on an indexed path, naming the feature', async () => {
    const err = await failure(h.db.collection('members').add({ data: { memberNo: ['A', 'B'], mobile: 'multikey-1' } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain(`${UNAVAILABLE}: indexes on array fields (multikey); members.memberNo is indexed (memberNo_unique)`)
  })
})

describe('positional update paths', () => {
  it.each([
    ['arr.$.x', '$'],
    ['arr.$[].x', '$[]'],
    ['arr.$[elem].x', '$[<identifier>]'],
  ])('refuses %s, naming the positional operator', async (path, op) => {
    h.executor.insert('things', { _id: `pos-${op}`, arr: [{ x: 1 }] })
    const err = await failure(
      things()
        .where({ _id: `pos-${op}`, 'arr.x': 1 })
        .update({ data: { [path]: 2 } }),
    )
    expect(err.errCode).toBe(-502002)
    expect(err.errMsg).toContain(`${UNAVAILABLE}: positional update paths (${op} in ${path})`)
    expect(h.executor.get('things', `pos-${op}`)).toEqual({ _id: `pos-${op}`, arr: [{ x: 1 }] })
  })
})
