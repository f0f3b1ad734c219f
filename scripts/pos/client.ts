/**
 * A sample client of the POS API (cloudfunctions/pos, docs/pos-api.yaml): signs a request as the API wants it and
 * sends it. What a POS vendor reads to see the signing in a few lines; the CLI (scripts/pos/index.ts) and the
 * tests use it.
 */
import { randomBytes } from 'node:crypto'
import { posSignature } from '../../src/domain/pos'

export interface PosCredentials {
  keyId: string
  secret: string
}

export interface PosCall {
  method: 'GET' | 'POST'
  /** e.g. /pos/v1/purchases */
  path: string
  body?: unknown
  /** Unix seconds; default now. */
  timestamp?: number
  /** Default 16 random bytes as hex. */
  nonce?: string
  /** Extra headers (tests: x-local-clock). */
  headers?: Record<string, string>
}

export interface PosReply {
  status: number
  headers: Headers
  body: { ok: boolean; data?: unknown; error?: { code: string; message: string; fields?: unknown } }
}

/** The four X-Pos-* headers for a request. */
export const signHeaders = (credentials: PosCredentials, call: Omit<PosCall, 'body'> & { bodyText: string }): Record<string, string> => {
  const timestamp = String(call.timestamp ?? Math.floor(Date.now() / 1000))
  const nonce = call.nonce ?? randomBytes(16).toString('hex')
  return {
    'x-pos-key': credentials.keyId,
    'x-pos-timestamp': timestamp,
    'x-pos-nonce': nonce,
    'x-pos-signature': posSignature(credentials.secret, { method: call.method, path: call.path, timestamp, nonce, body: call.bodyText }),
  }
}

/** Sends one signed request to `baseUrl` (the HTTP access domain, or the local cloud's URL). */
export const posRequest = async (baseUrl: string, credentials: PosCredentials, call: PosCall): Promise<PosReply> => {
  const bodyText = call.body === undefined ? '' : JSON.stringify(call.body)
  const res = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: {
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...signHeaders(credentials, { ...call, bodyText }),
      ...call.headers,
    },
    ...(call.body === undefined ? {} : { body: bodyText }),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as PosReply['body'] }
}
