/**
 * Cloud storage stand-in: a fixture function calls cloud.uploadFile, getTempFileURL, deleteFile and downloadFile
 * through the real wx-server-sdk, whose storage API actions the local cloud answers in CloudBase's shapes and
 * whose bytes travel over HTTP to the gateway, as they travel to COS. The temporary links are real HTTP links,
 * signed with an HMAC and an expiry.
 */
import { existsSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { type LocalCloud, FILE_ID_PREFIX, cloudPathProblem, inspectStorageSeam } from '../../localcloud'
import { FIXTURES, startFixtureCloud, tempDir } from './support'
import { sleep } from '../support/wait'

type Body = Record<string, any>

let cloud: LocalCloud
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir()
  cloud = await startFixtureCloud(dataDir, { functionsDir: join(FIXTURES, 'storage-functions') })
}, 30_000)

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const call = (action: string, event: object = {}) => cloud.invoke('files', { action, ...event }) as Promise<Body>

// A UTF-8 BOM, Chinese text and a comma: what an export writes.
const CSV = Buffer.from('\uFEFF会员号,姓名\r\n10000000001,"王,丽"\r\n', 'utf8')

const upload = async (cloudPath: string, bytes: Buffer = CSV, action = 'upload') => {
  const r = await call(action, { cloudPath, base64: bytes.toString('base64') })
  expect(r).toMatchObject({ ok: true })
  return r.result.fileID as string
}

const linkOf = async (fileID: string, maxAge?: number) => {
  const r = await call('links', { fileList: [maxAge === undefined ? fileID : { fileID, maxAge }] })
  expect(r).toMatchObject({ ok: true })
  return r.result.fileList[0] as { fileID: string; tempFileURL: string; status: number; errMsg: string; maxAge: number }
}

const get = async (url: string) => {
  const res = await fetch(url)
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** A GET with the path exactly as given (fetch would resolve "../" before sending). */
const rawGet = (path: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: cloud.port, path, method: 'GET' }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })

describe('the seam', () => {
  it('still exists in the pinned wx-server-sdk', () => {
    expect(inspectStorageSeam()).toMatchObject({ hasRequest: true, hasStorage: true })
  })
})

describe('upload, link, download', () => {
  it('stores the bytes under the data folder and answers a CloudBase-shaped fileID', async () => {
    const r = await call('upload', { cloudPath: 'exports/OP01/a-members.csv', base64: CSV.toString('base64') })
    expect(r).toMatchObject({ ok: true, result: { errMsg: 'uploadFile:ok' } })
    expect(r.result.fileID).toBe('cloud://local.6c6f-local-1300000000/exports/OP01/a-members.csv')
    expect(r.result.fileID.startsWith(FILE_ID_PREFIX)).toBe(true)
    expect(cloud.storage.read(r.result.fileID)).toEqual(CSV)
    expect(existsSync(join(dataDir, 'storage', 'objects', 'exports', 'OP01', 'a-members.csv'))).toBe(true)
  })

  it('serves a temporary link over HTTP: the same bytes, text/csv in UTF-8, as an attachment named after the file', async () => {
    const fileID = await upload('exports/OP01/b-members.csv')
    const link = await linkOf(fileID, 3600)
    expect(link).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 3600 })
    expect(link.tempFileURL.startsWith(`${cloud.url}/local/files/exports/OP01/b-members.csv?`)).toBe(true)

    const res = await get(link.tempFileURL)
    expect(res.status).toBe(200)
    expect(res.bytes).toEqual(CSV)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="b-members.csv"')
    expect(res.headers.get('content-length')).toBe(String(CSV.length))
  })

  it('names a Chinese file name in Content-Disposition the RFC 6266 way', async () => {
    const fileID = await upload('exports/OP01/会员名单.csv')
    const res = await get((await linkOf(fileID)).tempFileURL)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="????.csv"; filename*=UTF-8''${encodeURIComponent('会员名单.csv')}`,
    )
  })

  it('uploads a stream from /tmp as well as a Buffer', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a')
    const fileID = await upload('exports/OP01/big.csv', big, 'uploadStream')
    expect(cloud.storage.read(fileID)?.equals(big)).toBe(true)
  })

  it('downloads through cloud.downloadFile (the SDK fetches its own temporary link)', async () => {
    const fileID = await upload('exports/OP01/c.csv')
    const r = await call('download', { fileID })
    expect(r).toMatchObject({ ok: true, result: { errMsg: 'downloadFile:ok' } })
    expect(Buffer.from(r.result.base64, 'base64')).toEqual(CSV)
  })

  it('overwrites a file uploaded again under the same cloudPath, as COS does', async () => {
    const fileID = await upload('exports/OP01/again.csv', Buffer.from('one'))
    await upload('exports/OP01/again.csv', Buffer.from('two'))
    expect(cloud.storage.read(fileID)?.toString()).toBe('two')
  })
})

describe('links refused', () => {
  it('answers 403 for an expired link', async () => {
    const fileID = await upload('exports/OP01/expired.csv')
    const res = await get(cloud.storage.signedUrl(fileID, new Date(Date.now() - 1000)))
    expect(res.status).toBe(403)
    expect(res.bytes.toString()).toContain('<Code>AccessDenied</Code>')
    expect(res.bytes.toString()).not.toContain('王')
  })

  it('lets a link from getTempFileURL expire after its maxAge', async () => {
    const fileID = await upload('exports/OP01/short.csv')
    const link = await linkOf(fileID, 1)
    expect((await get(link.tempFileURL)).status).toBe(200)
    await sleep(2100)
    expect((await get(link.tempFileURL)).status).toBe(403)
  })

  it('answers 403 for a tampered signature, expiry or path', async () => {
    const fileID = await upload('exports/OP01/tamper.csv')
    await upload('exports/OP02/tamper.csv')
    const url = new URL((await linkOf(fileID, 600)).tempFileURL)
    const sign = url.searchParams.get('sign')!
    const t = Number(url.searchParams.get('t'))

    const flipped = new URL(url)
    flipped.searchParams.set('sign', (sign[0] === 'a' ? 'b' : 'a') + sign.slice(1))
    const later = new URL(url)
    later.searchParams.set('t', String(t + 86_400))
    const otherFile = new URL(url.href.replace('/OP01/', '/OP02/'))
    const unsigned = new URL(url)
    unsigned.search = ''

    for (const bad of [flipped, later, otherFile, unsigned]) {
      const res = await get(bad.href)
      expect([bad.href, res.status]).toEqual([bad.href, 403])
      expect(res.bytes.toString()).toContain('<Code>SignatureDoesNotMatch</Code>')
    }
    expect((await get(url.href)).status).toBe(200)
  })

  it('answers 404 once the file is deleted, and the SDK reports it as not existing', async () => {
    const fileID = await upload('exports/OP01/gone.csv')
    const link = await linkOf(fileID)
    const removed = await call('remove', { fileList: [fileID] })
    expect(removed).toMatchObject({ ok: true, result: { fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg: 'deleteFile:ok' } })
    expect(cloud.storage.read(fileID)).toBeNull()

    const res = await get(link.tempFileURL)
    expect(res.status).toBe(404)
    expect(res.bytes.toString()).toContain('<Code>NoSuchKey</Code>')

    const again = await call('links', { fileList: [fileID] })
    expect(again.result.fileList[0]).toMatchObject({ fileID, status: -503003, tempFileURL: '' })
    const twice = await call('remove', { fileList: [fileID] })
    expect(twice.result.fileList[0]).toMatchObject({ fileID, status: -503003 })
    expect(await call('download', { fileID })).toMatchObject({ ok: false })
  })
})

describe('paths', () => {
  it.each([
    '../escape.csv',
    'exports/../../escape.csv',
    'exports/./a.csv',
    '/exports/a.csv',
    'exports//a.csv',
    'exports\\..\\a.csv',
    'exports/a.csv/',
    'exports/a\u0000.csv',
    '',
  ])('refuses the cloudPath %j and writes nothing', async (cloudPath) => {
    const before = cloud.storage.list()
    const r = await call('upload', { cloudPath, base64: CSV.toString('base64') })
    expect(r).toMatchObject({ ok: false })
    expect(r.message).toMatch(/^uploadFile:fail/)
    expect(cloud.storage.list()).toEqual(before)
    expect(existsSync(join(dataDir, 'escape.csv'))).toBe(false)
    expect(existsSync(join(dataDir, 'storage', 'escape.csv'))).toBe(false)
  })

  it('refuses a cloudPath over 850 bytes', () => {
    expect(cloudPathProblem(`exports/${'长'.repeat(284)}`)).toMatch(/850 bytes/)
    expect(cloudPathProblem(`exports/${'长'.repeat(280)}`)).toBeNull()
  })

  it('refuses a link whose path climbs out of the storage folder, before any signature', async () => {
    for (const path of [
      '/local/files/../../localcloud.sqlite',
      '/local/files/exports/%2e%2e/%2e%2e/%2e%2e/localcloud.sqlite',
      '/local/files/%2e%2e%2fstorage%2fsigning.key',
    ]) {
      const status = await rawGet(`${path}?t=9999999999&sign=${'0'.repeat(64)}`)
      expect([path, status]).toEqual([path, 400])
    }
  })

  it('refuses an upload PUT without the upload signature', async () => {
    const res = await fetch(`${cloud.url}/local/files/exports/OP01/forged.csv`, { method: 'PUT', body: 'forged' })
    expect(res.status).toBe(403)
    expect(cloud.storage.read(cloud.storage.fileIdOf('exports/OP01/forged.csv'))).toBeNull()
  })
})

describe('limits, as CloudBase', () => {
  it('refuses more than 50 files in one getTempFileURL call', async () => {
    const fileID = await upload('exports/OP01/many.csv')
    const r = await call('links', { fileList: Array.from({ length: 51 }, () => fileID) })
    expect(r).toMatchObject({ ok: false })
  })

  it('refuses a maxAge over one day for that file', async () => {
    const fileID = await upload('exports/OP01/day.csv')
    const r = await call('links', { fileList: [{ fileID, maxAge: 86_401 }] })
    expect(r.result.fileList[0]).toMatchObject({ fileID, status: -501007, tempFileURL: '' })
  })

  it("answers another environment's fileID as not existing", async () => {
    const r = await call('links', { fileList: ['cloud://prod-1a2b.7072-prod-1a2b-1250000000/exports/a.csv'] })
    expect(r.result.fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' })
  })
})

describe('uploads from the mini program (wx.cloud.uploadFile, POST /local/upload)', () => {
  const clientUpload = (cloudPath: string | null, bytes: Buffer, openid?: string) =>
    fetch(`${cloud.url}/local/upload${cloudPath === null ? '' : `?cloudPath=${encodeURIComponent(cloudPath)}`}`, {
      method: 'POST',
      headers: openid ? { 'x-local-openid': openid } : {},
      body: new Uint8Array(bytes),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Body }))
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])

  it('stores the file as the uploader, answers as the client SDK resolves, and a function can link it', async () => {
    const r = await clientUpload('images/events/op-1/a.jpg', JPEG, 'op-1')
    expect(r).toEqual({
      status: 200,
      body: { fileID: `${FILE_ID_PREFIX}images/events/op-1/a.jpg`, statusCode: 200, errMsg: 'uploadFile:ok' },
    })
    expect(cloud.storage.read(r.body.fileID)).toEqual(JPEG)
    expect(cloud.storage.creatorOf(r.body.fileID)).toBe('op-1')
    const link = await linkOf(r.body.fileID)
    expect((await get(link.tempFileURL)).bytes).toEqual(JPEG)
  })

  it('lets the creator overwrite the file, and nobody else', async () => {
    await clientUpload('images/events/op-1/b.jpg', JPEG, 'op-1')
    const other = await clientUpload('images/events/op-1/b.jpg', Buffer.from('not yours'), 'shopper-9')
    expect(other.status).toBe(403)
    expect(other.body.errMsg).toMatch(/^uploadFile:fail permission denied/)
    expect(cloud.storage.read(`${FILE_ID_PREFIX}images/events/op-1/b.jpg`)).toEqual(JPEG)
    const again = await clientUpload('images/events/op-1/b.jpg', Buffer.from([0xff, 0xd8, 9, 0xff, 0xd9]), 'op-1')
    expect(again.status).toBe(200)
  })

  it("does not let a client overwrite a function's file", async () => {
    const fileID = await upload('exports/OP01/members.csv')
    const r = await clientUpload('exports/OP01/members.csv', Buffer.from('forged'), 'op-1')
    expect(r.status).toBe(403)
    expect(cloud.storage.read(fileID)).toEqual(CSV)
  })

  it('refuses a client that is not signed in, and a bad cloudPath, storing nothing', async () => {
    const before = cloud.storage.list('images/')
    expect((await clientUpload('images/x.jpg', JPEG)).status).toBe(401)
    expect((await clientUpload('images/../x.jpg', JPEG, 'op-1')).status).toBe(400)
    expect((await clientUpload(null, JPEG, 'op-1')).body.errMsg).toMatch(/^uploadFile:fail cloudPath must be a non-empty string/)
    expect(cloud.storage.list('images/')).toEqual(before)
  })
})
