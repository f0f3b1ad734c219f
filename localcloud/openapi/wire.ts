/**
 * The open API wire format between wx-server-sdk and CloudBase, as the SDK's own protobuf code (wx-server-sdk
 * 4.0.2, src/protobuf/openapi.js) defines it:
 *   CommApiData      { 1 apiType (0 OPEN_API, 1 INNER_API, 2 SVRKIT_API, 3 TOKEN_API), 2 openapiData, 6 appid }
 *   OpenApiData      { 1 repeated KeyValuePair pairs }
 *   KeyValuePair     { 1 key, 2 value (bytes: the field as JSON), 3 contenttype, 4 filename }
 *   CommOpenApiResp  { 1 respData (bytes: WeChat's HTTP body), 2 contentType, 3 errorCode, 4 httpCode }
 * Decoded and encoded with protobufjs' minimal runtime, the one the SDK itself uses.
 */
import { dirname } from 'node:path'

interface Reader {
  pos: number
  len: number
  uint32(): number
  int32(): number
  string(): string
  bytes(): Uint8Array
  skipType(wireType: number): Reader
}
interface Writer {
  uint32(v: number): Writer
  int32(v: number): Writer
  string(v: string): Writer
  bytes(v: Uint8Array): Writer
  finish(): Uint8Array
}
interface Minimal {
  Reader: { create(buf: Uint8Array): Reader }
  Writer: { create(): Writer }
}

const protobuf = require(require.resolve('protobufjs/minimal', { paths: [dirname(require.resolve('wx-server-sdk'))] })) as Minimal

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const

export interface OpenApiRequest {
  apiType: number
  appid?: string
  /** Each field's raw bytes (JSON text for plain values, the file for media fields). */
  fields: Map<string, Buffer>
}

const decodePair = (r: Reader, end: number): { key: string; value: Buffer } => {
  let key = ''
  let value = Buffer.alloc(0)
  while (r.pos < end) {
    const tag = r.uint32()
    if (tag >>> 3 === 1) key = r.string()
    else if (tag >>> 3 === 2) value = Buffer.from(r.bytes())
    else r.skipType(tag & 7)
  }
  return { key, value }
}

/** Decodes the `requestData` the SDK sends for `cloud.openapi.*` (and its other WeChat calls). */
export const decodeRequest = (buf: Uint8Array): OpenApiRequest => {
  const r = protobuf.Reader.create(buf)
  const out: OpenApiRequest = { apiType: API_TYPE.OPEN_API, fields: new Map() }
  while (r.pos < r.len) {
    const tag = r.uint32()
    switch (tag >>> 3) {
      case 1:
        out.apiType = r.int32()
        break
      case 2: {
        const end = r.uint32() + r.pos
        while (r.pos < end) {
          const t = r.uint32()
          if (t >>> 3 === 1) {
            const pair = decodePair(r, r.uint32() + r.pos)
            out.fields.set(pair.key, pair.value)
          } else r.skipType(t & 7)
        }
        break
      }
      case 6:
        out.appid = r.string()
        break
      default:
        r.skipType(tag & 7)
    }
  }
  return out
}

export interface OpenApiResponse {
  respData?: Uint8Array
  contentType?: string
  /** CloudBase's own refusal (e.g. -604101 no permission): the SDK throws without reading respData. */
  errorCode?: number
  httpCode?: number
}

/** Encodes the `CommOpenApiResp` the SDK decodes. */
export const encodeResponse = (resp: OpenApiResponse): Buffer => {
  const w = protobuf.Writer.create()
  if (resp.respData) w.uint32(10).bytes(resp.respData)
  if (resp.contentType !== undefined) w.uint32(18).string(resp.contentType)
  if (resp.errorCode !== undefined) w.uint32(24).int32(resp.errorCode)
  if (resp.httpCode !== undefined) w.uint32(32).uint32(resp.httpCode)
  return Buffer.from(w.finish())
}

/** A JSON answer from WeChat (`{ errcode, errmsg, ... }`), as the gateway relays it. */
export const jsonResponse = (body: Record<string, unknown>): Buffer =>
  encodeResponse({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json; encoding=utf-8', httpCode: 200 })
