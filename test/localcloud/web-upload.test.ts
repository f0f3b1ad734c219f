/**
 * The web SDK's `app.uploadFile` on the local cloud, as @cloudbase/js-sdk 3 makes it (seen from the SDK's own
 * requests): `POST /v1/storages/get-objects-upload-info` with the bearer token, then a PUT of the bytes to the
 * answer's `uploadUrl` with its `authorization` and `cloudObjectMeta`. The uploader becomes the file's creator;
 * only they may write it again; without a valid token nothing is handed out.
 */
import { rmSync } from 'node:fs'
import type { LocalCloud } from '../../localcloud'
import { startFixtureCloud, tempDir } from './support'

let cloud: LocalCloud
let dataDir: string

beforeAll(async () => {
  dataDir = tempDir()
  cloud = await startFixtureCloud(dataDir)
})
afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

interface UploadInfo {
  objectId?: string
  uploadUrl?: string
  authorization?: string
  cloudObjectMeta?: string
  cloudObjectId?: string
  downloadUrl?: string
  code?: string
  message?: string
}

const anonymousToken = async (): Promise<{ token: string; uuid: string }> => {
  const res = await fetch(`${cloud.url}/auth/v1/signin/anonymously?client_id=local`, { method: 'POST', body: '{}' })
  const body = (await res.json()) as { access_token: string; sub: string }
  return { token: body.access_token, uuid: body.sub }
}

const uploadInfo = async (token: string | null, objects: unknown): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(`${cloud.url}/v1/storages/get-objects-upload-info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(objects),
  })
  return { status: res.status, body: await res.json() }
}

const put = (info: UploadInfo, bytes: Buffer) =>
  fetch(info.uploadUrl!, {
    method: 'PUT',
    headers: { authorization: info.authorization!, 'x-cos-security-token': 'ignored', 'x-cos-meta-fileid': info.cloudObjectMeta! },
    body: new Uint8Array(bytes),
  })

it('hands a signed-in web user a signed PUT; the bytes land, readable by their link, with that user as creator', async () => {
  const { token, uuid } = await anonymousToken()
  const { status, body } = await uploadInfo(token, [{ objectId: 'images/catalog/scarf.jpg', signedHeader: { 'content-length': ['4'] } }])
  expect(status).toBe(200)
  const [info] = body as UploadInfo[]
  expect(info).toMatchObject({ objectId: 'images/catalog/scarf.jpg', cloudObjectId: cloud.storage.fileIdOf('images/catalog/scarf.jpg') })
  expect((await put(info, Buffer.from([1, 2, 3, 4]))).status).toBe(200)
  expect([...cloud.storage.read(info.cloudObjectId!)!]).toEqual([1, 2, 3, 4])
  expect(cloud.storage.creatorOf(info.cloudObjectId!)).toBe(`web:${uuid}`)
  expect([...new Uint8Array(await (await fetch(info.downloadUrl!)).arrayBuffer())]).toEqual([1, 2, 3, 4])
})

it('lets no one else write a file a web user created, and no one without a token ask at all', async () => {
  const first = await anonymousToken()
  const [mine] = (await uploadInfo(first.token, [{ objectId: 'images/catalog/tee.jpg' }])).body as UploadInfo[]
  await put(mine, Buffer.from('first'))
  const other = await anonymousToken()
  const [refused] = (await uploadInfo(other.token, [{ objectId: 'images/catalog/tee.jpg' }])).body as UploadInfo[]
  expect(refused).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY' })
  expect(cloud.storage.read(mine.cloudObjectId!)!.toString()).toBe('first')

  expect((await uploadInfo(null, [{ objectId: 'images/catalog/x.jpg' }])).status).toBe(401)
  expect((await uploadInfo('not-a-token', [{ objectId: 'images/catalog/x.jpg' }])).status).toBe(401)
})

it('refuses bad paths per object, a PUT not signed for its path, and more than 50 objects', async () => {
  const { token } = await anonymousToken()
  const [bad] = (await uploadInfo(token, [{ objectId: '../escape.jpg' }])).body as UploadInfo[]
  expect(bad).toMatchObject({ code: 'INVALID_PARAM' })
  const [info] = (await uploadInfo(token, [{ objectId: 'images/catalog/a.jpg' }])).body as UploadInfo[]
  const elsewhere = await fetch(info.uploadUrl!.replace('a.jpg', 'b.jpg'), {
    method: 'PUT',
    headers: { authorization: info.authorization!, 'x-cos-meta-fileid': info.cloudObjectMeta! },
    body: new TextEncoder().encode('x'),
  })
  expect(elsewhere.status).toBe(403)
  expect(cloud.storage.read(cloud.storage.fileIdOf('images/catalog/b.jpg'))).toBeNull()
  const many = Array.from({ length: 51 }, (_, i) => ({ objectId: `images/catalog/${i}.jpg` }))
  expect((await uploadInfo(token, many)).body).toMatchObject({ code: 'OBJECT_BATCH_TOO_LARGE' })
})
