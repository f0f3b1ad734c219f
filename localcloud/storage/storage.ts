/**
 * Cloud storage stand-in: what CloudBase's storage API and COS answer `cloud.uploadFile`, `cloud.getTempFileURL`,
 * `cloud.deleteFile` and `cloud.downloadFile`, locally, with the files under `<dataDir>/storage/objects/`.
 *
 * wx-server-sdk hands these calls to @cloudbase/node-sdk, which makes two kinds of requests (instances/seam.ts):
 * - CloudBase API actions (`storage.getUploadMetadata`, `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`)
 *   — answered by `handle()` here, in the shapes CloudBase answers them;
 * - plain HTTP to COS: the upload's `PUT <url>` (signed in its `authorization` header) and the download's
 *   `GET <tempFileURL>` — served by the gateway through `serve()`: the upload URL and the temporary links point at
 *   `http://127.0.0.1:<port>/local/files/<cloudPath>`, so the SDK's own HTTP code runs end to end, and a browser
 *   can open a link as it opens one of CloudBase's.
 *
 * The web SDK's `app.uploadFile` (@cloudbase/js-sdk 3: the operators' desk) asks `POST /v1/storages/get-objects-upload-
 * info` for a signed PUT (`webUploadInfo()`, in the shape docs.cloudbase.net/http-api/storage/get-objects-upload-info
 * documents), then PUTs the bytes with `X-Cos-Meta-Fileid`: the signed-in web user becomes the file's creator.
 *
 * The mini program's own `wx.cloud.uploadFile` (a client upload, under the storage security rules) is served by the
 * gateway's `POST /local/upload` through `clientUpload()`: the uploader becomes the file's creator, and a file may be
 * overwritten only by its creator or a function (CloudBase's PRIVATE storage rule, 仅创建者及管理员可读写, which
 * `scripts/deploy` sets; functions act as administrators).
 *
 * Links are signed with HMAC-SHA256 (node:crypto) over method, path and expiry, with a key kept in the data folder
 * (links outlive a restart, as CloudBase's outlive a function); a tampered or expired link answers 403, a missing
 * file 404, both with COS's XML error body. Never kinder than CloudBase: at most 50 files per batch call, maxAge
 * 1–86,400 s, cloudPath checked against CloudBase's naming rules — and, locally, no `.`/`..` segments, backslashes,
 * `%`, `#` or `?`, which could reach outside the folder or make links ambiguous.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import contentDisposition from 'content-disposition'
import mime from 'mime-types'

/** The environment id the local instances run in (instances/worker.ts sets TCB_ENV to it). */
export const STORAGE_ENV = 'local'
/**
 * CloudBase names an environment's bucket `<hex of the env id's first two characters>-<env id>-<app id>`
 * ("lo" = 6c6f); a fileID is `cloud://<env>.<bucket>/<cloudPath>`.
 */
export const STORAGE_BUCKET = `${Buffer.from(STORAGE_ENV.slice(0, 2)).toString('hex')}-${STORAGE_ENV}-1300000000`
export const FILE_ID_PREFIX = `cloud://${STORAGE_ENV}.${STORAGE_BUCKET}/`
/** Where links and upload URLs point on the gateway. */
export const FILES_PATH = '/local/files/'

/** CloudBase: "一次最多取 50 个" (getTempFileURL; deleteFile alike). */
export const MAX_BATCH = 50
/** getTempFileURL's default and longest validity ("默认一天且最大不超过一天"). */
export const MAX_AGE_DEFAULT_S = 86_400
export const MAX_AGE_LIMIT_S = 86_400
/** How long the SDK's upload URL stays valid (it PUTs at once). */
export const UPLOAD_URL_TTL_S = 600
/** CloudBase: a cloudPath is at most 850 bytes of UTF-8. */
export const CLOUD_PATH_MAX_BYTES = 850
/** A local guard for the data folder (COS's simple upload allows 5 GB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 1024 * 1024

/** What CloudBase's storage API answers (@cloudbase/node-sdk turns a `code` into its TcbError). */
export type StorageAnswer = Record<string, unknown>

export interface StorageOptions {
  dataDir: string
  /** The gateway's base URL, e.g. `http://127.0.0.1:8787` (known once it listens). */
  baseUrl: () => string
  /** Milliseconds since the epoch for signing and checking links; default the real clock (CloudBase's own). */
  now?: () => number
  maxUploadBytes?: number
}

/**
 * Why a cloudPath is refused, or null. CloudBase: not empty, no leading "/", no "//", at most 850 bytes, no
 * ASCII control characters. Locally also: no "." or ".." segment, no "\", "%", "#" or "?", no trailing "/".
 */
export const cloudPathProblem = (path: unknown): string | null => {
  if (typeof path !== 'string' || path === '') return 'cloudPath must be a non-empty string'
  if (Buffer.byteLength(path, 'utf8') > CLOUD_PATH_MAX_BYTES) return `cloudPath is longer than ${CLOUD_PATH_MAX_BYTES} bytes`
  if (path.startsWith('/')) return 'cloudPath must not start with "/"'
  if (path.endsWith('/')) return 'cloudPath must name a file, not end with "/"'
  if (path.includes('//')) return 'cloudPath must not contain "//"'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'cloudPath must not contain control characters'
  if (/[\\%#?]/.test(path)) return 'cloudPath must not contain "\\", "%", "#" or "?" (local cloud)'
  if (path.split('/').some((s) => s === '.' || s === '..')) return 'cloudPath must not contain "." or ".." segments'
  return null
}

export const fileIdOf = (cloudPath: string) => `${FILE_ID_PREFIX}${cloudPath}`

/** The cloudPath of one of this environment's fileIDs, or null (another environment's, or malformed). */
export const cloudPathOf = (fileID: unknown): string | null => {
  if (typeof fileID !== 'string' || !fileID.startsWith(FILE_ID_PREFIX)) return null
  const path = fileID.slice(FILE_ID_PREFIX.length)
  return cloudPathProblem(path) === null ? path : null
}

const requestId = () => randomBytes(16).toString('hex')

const fail = (code: string, message: string): StorageAnswer => ({ code, message, requestId: requestId() })

/** COS's error body (the SDK's upload reads Code, Message, RequestId and TraceId from it). */
const cosError = (code: string, message: string, resource: string) =>
  `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>${code}</Code>\n\t<Message>${message}</Message>\n\t<Resource>${escapeXml(resource)}</Resource>\n\t<RequestId>${requestId()}</RequestId>\n\t<TraceId>${randomBytes(24).toString('base64')}</TraceId>\n</Error>`

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** Images open in the browser; anything else (CSV above all) downloads under its own name. */
const isInline = (type: string) => type.startsWith('image/')

export class Storage {
  readonly dir: string
  private readonly objects: string
  private readonly tmp: string
  private readonly key: Buffer
  private readonly now: () => number
  private readonly maxUploadBytes: number
  readonly counters = { uploads: 0, downloads: 0, deletes: 0, links: 0, refused: 0 }
  /** Who created each client-uploaded file (cloudPath → openid); a function's files have no creator. */
  private readonly creators: Map<string, string>
  /** Web uploads handed out and not yet PUT: the `cloudObjectMeta` token → the file and who will have created it. */
  private readonly pendingWebUploads = new Map<string, { cloudPath: string; creator: string; expiresS: number }>()
  private readonly creatorsFile: string

  constructor(private readonly options: StorageOptions) {
    this.dir = join(resolve(options.dataDir), 'storage')
    this.objects = join(this.dir, 'objects')
    this.tmp = join(this.dir, 'tmp')
    mkdirSync(this.objects, { recursive: true })
    rmSync(this.tmp, { recursive: true, force: true })
    mkdirSync(this.tmp, { recursive: true })
    // The signing key lives with the data: links handed out stay valid across a restart until they expire.
    const keyFile = join(this.dir, 'signing.key')
    if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600 })
    this.key = readFileSync(keyFile)
    this.now = options.now ?? Date.now
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES
    this.creatorsFile = join(this.dir, 'creators.json')
    const kept = existsSync(this.creatorsFile) ? (JSON.parse(readFileSync(this.creatorsFile, 'utf8')) as Record<string, string>) : {}
    this.creators = new Map(Object.entries(kept))
  }

  private setCreator(cloudPath: string, openid: string | null) {
    if (openid === null) this.creators.delete(cloudPath)
    else this.creators.set(cloudPath, openid)
    const part = `${this.creatorsFile}.${randomBytes(6).toString('hex')}`
    writeFileSync(part, JSON.stringify(Object.fromEntries(this.creators)))
    renameSync(part, this.creatorsFile)
  }

  /** The openid that uploaded a file from the mini program, or null (a function's file, or none). */
  creatorOf(fileID: string): string | null {
    const cloudPath = cloudPathOf(fileID)
    return cloudPath === null ? null : (this.creators.get(cloudPath) ?? null)
  }

  // -------------------------------------------------------------------------------------------------------------
  // CloudBase's storage API actions

  handle(action: string, params: Record<string, unknown> | undefined): StorageAnswer {
    const p = params ?? {}
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(p)
      case 'storage.batchGetDownloadUrl':
        return this.downloadUrls(p)
      case 'storage.batchDeleteFile':
        return this.deleteFiles(p)
      default:
        return fail('SYS_ERR', `not available on the local cloud: ${action}`)
    }
  }

  private uploadMetadata(p: Record<string, unknown>): StorageAnswer {
    const path = p.path
    const problem = cloudPathProblem(path)
    if (problem) {
      this.counters.refused++
      return fail('INVALID_PARAM', problem)
    }
    const cloudPath = path as string
    const expires = this.seconds() + UPLOAD_URL_TTL_S
    const authorization = `q-sign-algorithm=sha256&q-expires=${expires}&q-signature=${this.sign('PUT', cloudPath, expires)}`
    return {
      requestId: requestId(),
      data: {
        url: this.objectUrl(cloudPath),
        token: randomBytes(16).toString('hex'),
        authorization,
        fileId: fileIdOf(cloudPath),
        cosFileId: randomBytes(12).toString('hex'),
        download_url: this.objectUrl(cloudPath),
      },
    }
  }

  private downloadUrls(p: Record<string, unknown>): StorageAnswer {
    const list = p.file_list
    if (!Array.isArray(list) || list.length === 0) return fail('INVALID_PARAM', 'file_list must be a non-empty array')
    if (list.length > MAX_BATCH) return fail('INVALID_PARAM', `at most ${MAX_BATCH} files per call`)
    const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
      const fileID = item?.fileid
      const maxAge = item?.max_age ?? MAX_AGE_DEFAULT_S
      if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 1 || maxAge > MAX_AGE_LIMIT_S)
        return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: `maxAge must be an integer of 1-${MAX_AGE_LIMIT_S} seconds` }
      const cloudPath = cloudPathOf(fileID)
      if (cloudPath === null || !this.exists(cloudPath))
        return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' }
      this.counters.links++
      return { fileID, tempFileURL: this.signedUrl(cloudPath, this.seconds() + maxAge), code: 'SUCCESS', maxAge }
    })
    return { requestId: requestId(), data: { download_list } }
  }

  private deleteFiles(p: Record<string, unknown>): StorageAnswer {
    const list = p.fileid_list
    if (!Array.isArray(list) || list.length === 0) return fail('INVALID_PARAM', 'fileid_list must be a non-empty array')
    if (list.length > MAX_BATCH) return fail('INVALID_PARAM', `at most ${MAX_BATCH} files per call`)
    const delete_list = list.map((fileID: unknown) => {
      const cloudPath = cloudPathOf(fileID)
      if (cloudPath === null || !this.exists(cloudPath)) return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' }
      unlinkSync(this.fileOf(cloudPath))
      if (this.creators.has(cloudPath)) this.setCreator(cloudPath, null)
      this.counters.deletes++
      return { fileID, code: 'SUCCESS' }
    })
    return { requestId: requestId(), data: { delete_list } }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Links

  /** A GET link to `cloudPath` valid until `expiresS` (seconds since the epoch), as getTempFileURL hands out. */
  signedUrl(cloudPath: string, expiresS: number): string {
    return `${this.objectUrl(cloudPath)}?t=${expiresS}&sign=${this.sign('GET', cloudPath, expiresS)}`
  }

  /** The path is left unencoded, as CloudBase's links are: the SDK's downloadFile applies encodeURI to them. */
  private objectUrl(cloudPath: string) {
    return `${this.options.baseUrl()}${FILES_PATH}${cloudPath}`
  }

  private sign(method: 'GET' | 'PUT', cloudPath: string, expiresS: number): string {
    return createHmac('sha256', this.key).update(`${method}\n${cloudPath}\n${expiresS}`).digest('hex')
  }

  private verify(method: 'GET' | 'PUT', cloudPath: string, expires: string | null, signature: string | null): 'ok' | 'bad' | 'expired' {
    if (!expires || !/^\d{1,12}$/.test(expires) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return 'bad'
    const expected = Buffer.from(this.sign(method, cloudPath, Number(expires)), 'hex')
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'bad'
    return Number(expires) < this.seconds() ? 'expired' : 'ok'
  }

  private seconds() {
    return Math.floor(this.now() / 1000)
  }

  // -------------------------------------------------------------------------------------------------------------
  // Files

  private fileOf(cloudPath: string): string {
    const file = resolve(this.objects, ...cloudPath.split('/'))
    // cloudPathProblem already refuses every way out; this is the belt to its braces.
    if (!file.startsWith(this.objects + sep)) throw new Error(`local cloud storage: ${cloudPath} is outside the storage folder`)
    return file
  }

  private exists(cloudPath: string) {
    return statSync(this.fileOf(cloudPath), { throwIfNoEntry: false })?.isFile() ?? false
  }

  /** A stored file's bytes (tests), or null. */
  read(fileID: string): Buffer | null {
    const cloudPath = cloudPathOf(fileID)
    return cloudPath !== null && this.exists(cloudPath) ? readFileSync(this.fileOf(cloudPath)) : null
  }

  /** Stores bytes at `cloudPath` as a function would (no client creator): demo data and tests. */
  write(cloudPath: string, bytes: Buffer): string {
    const problem = cloudPathProblem(cloudPath)
    if (problem) throw new Error(`local cloud storage: ${problem}`)
    const file = this.fileOf(cloudPath)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, bytes)
    if (this.creators.has(cloudPath)) this.setCreator(cloudPath, null)
    return fileIdOf(cloudPath)
  }

  /** Every stored file's fileID, optionally under a cloudPath prefix. */
  list(prefix = ''): string[] {
    const out: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (entry.isFile()) out.push(relative(this.objects, full).split(sep).join('/'))
      }
    }
    walk(this.objects)
    return out
      .filter((p) => p.startsWith(prefix))
      .sort()
      .map(fileIdOf)
  }

  // -------------------------------------------------------------------------------------------------------------
  // HTTP: GET/HEAD a temporary link, PUT an upload (the gateway routes /local/files/ here)

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The raw URL, not a normalized one: "/local/files/a/../../x" must be seen (and refused), not resolved away.
    const raw = req.url ?? '/'
    const q = raw.indexOf('?')
    const rawPath = q < 0 ? raw : raw.slice(0, q)
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1))
    const refuse = (status: number, code: string, message: string) => {
      this.counters.refused++
      const body = cosError(code, message, rawPath)
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    let cloudPath: string
    try {
      cloudPath = decodeURIComponent(rawPath.slice(FILES_PATH.length))
    } catch {
      return refuse(400, 'InvalidURI', 'Could not parse the specified URI.')
    }
    if (cloudPathProblem(cloudPath)) return refuse(400, 'InvalidURI', 'Could not parse the specified URI.')

    if (req.method === 'GET' || req.method === 'HEAD') {
      const verdict = this.verify('GET', cloudPath, query.get('t'), query.get('sign'))
      if (verdict === 'bad') return refuse(403, 'SignatureDoesNotMatch', 'The Signature you specified does not match.')
      if (verdict === 'expired') return refuse(403, 'AccessDenied', 'Request has expired')
      if (!this.exists(cloudPath)) return refuse(404, 'NoSuchKey', 'The specified key does not exist.')
      const file = this.fileOf(cloudPath)
      const { size, mtime } = statSync(file)
      const type = mime.contentType(basename(cloudPath)) || 'application/octet-stream'
      res.writeHead(200, {
        'content-type': type,
        'content-length': size,
        'content-disposition': contentDisposition(basename(cloudPath), { type: isInline(type) ? 'inline' : 'attachment' }),
        'last-modified': mtime.toUTCString(),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
      if (req.method === 'HEAD') return void res.end()
      this.counters.downloads++
      await pipeline(createReadStream(file), res)
      return
    }

    if (req.method === 'PUT') {
      const auth = new URLSearchParams(String(req.headers.authorization ?? ''))
      const verdict = this.verify('PUT', cloudPath, auth.get('q-expires'), auth.get('q-signature'))
      if (verdict === 'bad') return refuse(403, 'SignatureDoesNotMatch', 'The Signature you specified does not match.')
      if (verdict === 'expired') return refuse(403, 'AccessDenied', 'Request has expired')
      if (!(await this.receive(req, cloudPath, this.maxUploadBytes)))
        return refuse(413, 'EntityTooLarge', `Your proposed upload exceeds the local limit of ${this.maxUploadBytes} bytes.`)
      // A web client's upload names its info's meta token: its user becomes the creator. Anything else is a function's
      // (an administrator's): the file no longer has a client creator.
      const meta = String(req.headers['x-cos-meta-fileid'] ?? '')
      const web = this.pendingWebUploads.get(meta)
      if (web && web.cloudPath === cloudPath) {
        this.pendingWebUploads.delete(meta)
        this.setCreator(cloudPath, web.creator)
      } else if (this.creators.has(cloudPath)) this.setCreator(cloudPath, null)
      // COS answers a successful PUT with an empty body.
      res.writeHead(200, { 'content-length': 0 })
      return void res.end()
    }

    res.setHeader('allow', 'GET, HEAD, PUT')
    return refuse(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.')
  }

  /**
   * Stores a request's body at `cloudPath`: false (nothing stored) when it is over `limit` bytes. Streamed to a
   * temporary file and renamed into place, so a reader never sees half a file; past the limit the rest of the body is
   * drained, not stored, so that the client still reads the refusal.
   */
  private async receive(req: IncomingMessage, cloudPath: string, limit: number): Promise<boolean> {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      return false
    }
    const part = join(this.tmp, randomBytes(12).toString('hex'))
    let size = 0
    try {
      await new Promise<void>((resolvePut, rejectPut) => {
        const out = createWriteStream(part)
        out.on('error', rejectPut)
        req.on('error', rejectPut)
        req.on('close', () => {
          if (!req.complete) rejectPut(new Error('upload aborted by the client'))
        })
        req.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > limit) return
          if (!out.write(chunk)) {
            req.pause()
            out.once('drain', () => req.resume())
          }
        })
        req.on('end', () => out.end(() => resolvePut()))
      })
      if (size > limit) {
        rmSync(part, { force: true })
        return false
      }
      const file = this.fileOf(cloudPath)
      mkdirSync(dirname(file), { recursive: true })
      renameSync(part, file)
    } catch (e) {
      rmSync(part, { force: true })
      throw e
    }
    this.counters.uploads++
    return true
  }

  /**
   * `wx.cloud.uploadFile` from the mini program as `openid` (the gateway's `POST /local/upload?cloudPath=…`, the body
   * the file's bytes): what the client SDK resolves with, `{ fileID, statusCode, errMsg }`, or rejects with,
   * `{ errCode, errMsg }`, and the HTTP status to send. The storage rule: anyone signed in may create a file; only its
   * creator may overwrite it (a function's file, none).
   */
  async clientUpload(openid: string, cloudPath: unknown, req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown> }> {
    const refuse = (status: number, errCode: number, message: string) => {
      req.resume()
      this.counters.refused++
      return { status, body: { errCode, errMsg: `uploadFile:fail ${message}` } }
    }
    const problem = cloudPathProblem(cloudPath)
    if (problem) return refuse(400, -404001, problem)
    const path = cloudPath as string
    if (this.exists(path) && this.creators.get(path) !== openid)
      return refuse(403, -403003, 'permission denied: the file belongs to someone else (storage rule: only its creator may write)')
    if (!(await this.receive(req, path, this.maxUploadBytes)))
      return refuse(413, -404011, `the file exceeds the local limit of ${this.maxUploadBytes} bytes`)
    this.setCreator(path, openid)
    return { status: 200, body: { fileID: fileIdOf(path), statusCode: 200, errMsg: 'uploadFile:ok' } }
  }

  /**
   * `POST /v1/storages/get-objects-upload-info` for a signed-in web user (`creator`, e.g. `web:<uuid>`): per object,
   * a signed PUT valid 10 minutes, or `{ code, message }` — a bad path, or a file someone else created (the PRIVATE
   * rule: only its creator or a function may write it). At most 50 objects a call.
   */
  webUploadInfo(creator: string, body: unknown): { status: number; body: unknown } {
    if (!Array.isArray(body) || body.length === 0)
      return { status: 400, body: { code: 'INVALID_PARAM', message: 'the body must be an array of { objectId }' } }
    if (body.length > MAX_BATCH)
      return { status: 400, body: { code: 'OBJECT_BATCH_TOO_LARGE', message: `at most ${MAX_BATCH} objects per call` } }
    const expiresS = this.seconds() + 600
    for (const [meta, p] of this.pendingWebUploads) if (p.expiresS < this.seconds()) this.pendingWebUploads.delete(meta)
    return {
      status: 200,
      body: body.map((item: unknown) => {
        const objectId = (item as { objectId?: unknown } | null)?.objectId
        const problem = cloudPathProblem(objectId)
        if (problem) return { code: 'INVALID_PARAM', message: problem }
        const cloudPath = objectId as string
        if (this.exists(cloudPath) && this.creators.get(cloudPath) !== creator) {
          this.counters.refused++
          return { code: 'STORAGE_EXCEED_AUTHORITY', message: 'permission denied: only the file’s creator may write it' }
        }
        const meta = randomBytes(16).toString('hex')
        this.pendingWebUploads.set(meta, { cloudPath, creator, expiresS })
        const downloadUrl = this.signedUrl(cloudPath, expiresS)
        return {
          objectId: cloudPath,
          uploadUrl: this.objectUrl(cloudPath),
          authorization: `q-sign-algorithm=sha256&q-expires=${expiresS}&q-signature=${this.sign('PUT', cloudPath, expiresS)}`,
          token: randomBytes(16).toString('hex'),
          cloudObjectMeta: meta,
          downloadUrl,
          downloadUrlEncoded: encodeURI(downloadUrl),
          cloudObjectId: fileIdOf(cloudPath),
        }
      }),
    }
  }

  stats() {
    return { ...this.counters }
  }
}
