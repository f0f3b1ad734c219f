/**
 * Nothing leaves the machine: a guard on Node's lowest network layer, installed in every function instance
 * (worker thread; each has its own copies of Node's modules) and, by the cloud test project's setup file, in the
 * test process. Every TCP or TLS connection (`net.Socket.prototype.connect`: http, https, http2, tls, undici's
 * fetch and net all end there), every datagram (dgram), every DNS query (dns, dns.promises, Resolvers) and every
 * `fetch` whose host is not the loopback fails with "not available on the local cloud: <what>" — before any
 * lookup or connection is attempted. Unix sockets and 127.0.0.0/8, ::1 and `localhost` stay open: the local
 * cloud's own gateway lives there.
 *
 * The failure arrives as that API reports a failed connection (an 'error' event, a callback error, a rejection),
 * so callers' own error paths run, with an error whose code (ERR_LOCAL_CLOUD_OFFLINE) no retry logic treats as
 * transient. The guard is installed once per thread (marked on the net module) and shared by later callers.
 */
import type { Socket as UdpSocket } from 'node:dgram'
import type { Socket as TcpSocket } from 'node:net'

// The modules themselves (not an import's namespace copy): their functions are replaced in place.
const dgram = require('node:dgram') as typeof import('node:dgram')
const dns = require('node:dns') as typeof import('node:dns')
const net = require('node:net') as typeof import('node:net')

export const UNAVAILABLE = 'not available on the local cloud: '
export const OFFLINE_CODE = 'ERR_LOCAL_CLOUD_OFFLINE'

/** The error every refused call gets. */
export const unavailable = (what: string): Error & { code: string } =>
  Object.assign(new Error(`${UNAVAILABLE}${what}`), { code: OFFLINE_CODE })

/** Hosts that stay on this machine: the loopback only (an empty host is Node's default, localhost). */
export const isLoopback = (host: unknown): boolean => {
  if (host === undefined || host === null || host === '') return true
  if (typeof host !== 'string') return false
  let h = host.toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  if (h === 'localhost') return true
  if (net.isIPv4(h)) return h.startsWith('127.')
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h)
  return false
}

export interface NetworkGuard {
  /** What was refused, oldest first (this thread, since the guard was installed). */
  refusals: string[]
  /** Told of each refusal (the instance forwards them to the main thread). */
  listeners: Set<(what: string) => void>
}

const GUARD = Symbol.for('localcloud.networkGuard')
type Marked = { [GUARD]?: NetworkGuard }

const hostPort = (host: unknown, port: unknown) => {
  const h = typeof host === 'string' && host.includes(':') && !host.startsWith('[') ? `[${host}]` : String(host)
  return port === undefined || port === null ? h : `${h}:${port}`
}

const urlOf = (input: unknown): string | undefined => {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  const url = (input as { url?: unknown } | null)?.url
  return typeof url === 'string' ? url : undefined
}

/** Records a refusal, tells the listeners, and answers the error the caller gets. */
const refusalOf = (guard: NetworkGuard, what: string) => {
  guard.refusals.push(what)
  for (const listen of guard.listeners) {
    try {
      listen(what)
    } catch {
      // a listener's failure must not change what the caller sees
    }
  }
  return unavailable(what)
}

/** Installs the guard in this thread (once; later calls return the same guard). */
export const installNetworkGuard = (): NetworkGuard => {
  const marked = net as unknown as Marked
  const existing = marked[GUARD]
  if (existing) {
    guardFetch(existing, (what) => refusalOf(existing, what))
    return existing
  }
  const guard: NetworkGuard = { refusals: [], listeners: new Set() }
  const refuse = (what: string) => refusalOf(guard, what)

  // TCP and TLS: every client connection of http, https, http2, tls, net and undici's fetch.
  const normalizeArgs = (net as unknown as { _normalizeArgs: (args: unknown[]) => [Record<string, unknown>, unknown] })._normalizeArgs
  const connect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function (this: TcpSocket, ...args: unknown[]) {
    // net.connect() passes the arguments it already normalized, as one array.
    const [options] = Array.isArray(args[0]) ? (args[0] as [Record<string, unknown>]) : normalizeArgs(args)
    if ((options.path === undefined || options.path === null) && !isLoopback(options.host)) {
      const err = refuse(`a connection to ${hostPort(options.host, options.port)}`)
      process.nextTick(() => this.destroy(err))
      return this
    }
    return (connect as (...a: unknown[]) => TcpSocket).apply(this, args)
  }

  // UDP.
  const send = dgram.Socket.prototype.send
  dgram.Socket.prototype.send = function (this: UdpSocket, ...args: unknown[]) {
    const offsetForm = typeof args[1] === 'number' && typeof args[2] === 'number' && typeof args[3] === 'number'
    const [port, address] = offsetForm ? [args[3], args[4]] : [args[1], args[2]]
    if (typeof address === 'string' && !isLoopback(address)) {
      const err = refuse(`a datagram to ${hostPort(address, port)}`)
      const callback = args.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined
      process.nextTick(() => (callback ? callback(err) : this.emit('error', err)))
      return
    }
    return (send as (...a: unknown[]) => void).apply(this, args)
  } as typeof send
  const udpConnect = dgram.Socket.prototype.connect
  dgram.Socket.prototype.connect = function (this: UdpSocket, ...args: unknown[]) {
    const [port, address] = args
    if (typeof address === 'string' && !isLoopback(address)) {
      const err = refuse(`a datagram to ${hostPort(address, port)}`)
      const callback = args.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined
      process.nextTick(() => (callback ? callback(err) : this.emit('error', err)))
      return
    }
    return (udpConnect as (...a: unknown[]) => void).apply(this, args)
  }

  // DNS: lookups (getaddrinfo) and queries (c-ares), callback and promise forms, module functions and Resolvers.
  const queries = [
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCaa',
    'resolveCname',
    'resolveMx',
    'resolveNaptr',
    'resolveNs',
    'resolvePtr',
    'resolveSoa',
    'resolveSrv',
    'resolveTxt',
    'reverse',
  ]
  const guardCallbacks = (target: Record<string, unknown>, names: string[]) => {
    for (const name of names) {
      const original = target[name]
      if (typeof original !== 'function') continue
      target[name] = function (this: unknown, host: unknown, ...rest: unknown[]) {
        if (isLoopback(host)) return (original as (...a: unknown[]) => unknown).call(this, host, ...rest)
        const err = refuse(`dns.${name} ${String(host)}`)
        const callback = rest.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined
        if (callback) process.nextTick(callback, err)
        else throw err
      }
    }
  }
  const guardPromises = (target: Record<string, unknown>, names: string[]) => {
    for (const name of names) {
      const original = target[name]
      if (typeof original !== 'function') continue
      target[name] = function (this: unknown, host: unknown, ...rest: unknown[]) {
        if (isLoopback(host)) return (original as (...a: unknown[]) => unknown).call(this, host, ...rest)
        return Promise.reject(refuse(`dns.${name} ${String(host)}`))
      }
    }
  }
  guardCallbacks(dns, ['lookup', 'lookupService', ...queries])
  guardCallbacks(dns.Resolver.prototype as unknown as Record<string, unknown>, queries)
  guardPromises(dns.promises, ['lookup', 'lookupService', ...queries])
  guardPromises(dns.promises.Resolver.prototype as unknown as Record<string, unknown>, queries)

  marked[GUARD] = guard
  guardFetch(guard, refuse)
  return guard
}

/**
 * fetch, refused with the URL in the message (undici would reach the socket guard too, as "fetch failed"). Marked
 * on the function: a jest test file has a global of its own whose fetch is guarded when its setup runs.
 */
const guardFetch = (guard: NetworkGuard, refuse: (what: string) => Error) => {
  const fetch = globalThis.fetch as (typeof globalThis.fetch & Marked) | undefined
  if (typeof fetch !== 'function' || fetch[GUARD]) return
  const guarded = function (this: unknown, input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) {
    const url = urlOf(input)
    let host: string | undefined
    try {
      host = url === undefined ? undefined : new URL(url).hostname
    } catch {
      host = undefined
    }
    if (host !== undefined && !isLoopback(host)) return Promise.reject(refuse(`fetch ${url}`))
    return fetch.call(this, input, init)
  } as typeof fetch & Marked
  guarded[GUARD] = guard
  globalThis.fetch = guarded
}
