/** Serves static files (a web build: the H5 preview): files under one directory, index.html at `/`, never anything outside it. */
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

export const contentType = (file: string) => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'

/** Serves `dir` at `/` or, with `mount` (e.g. '/desk/'), at that path: `/desk/x.js` is `<dir>/x.js`. */
export const serveStatic = (dir: string | undefined, req: IncomingMessage, res: ServerResponse, mount = '/') => {
  const text = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed')
  if (!dir || !existsSync(dir)) {
    const why = dir ? `the static folder ${dir} does not exist (build it first)` : 'no static folder is configured (staticDir)'
    return text(404, `Nothing to serve here: ${why}. The functions are at POST /functions/<name>.`)
  }
  let path: string
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).slice(mount.length - 1)
  } catch {
    return text(400, 'bad path')
  }
  const root = resolve(dir)
  let file = resolve(join(root, path))
  if (file !== root && !file.startsWith(root + sep)) return text(403, 'forbidden')
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  if (!existsSync(file) || !statSync(file).isFile()) return text(404, 'not found')
  const { size } = statSync(file)
  res.writeHead(200, {
    'content-type': contentType(file),
    'content-length': size,
    // index.html must be re-read after a rebuild; hashed assets may be cached.
    'cache-control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=60',
  })
  if (req.method === 'HEAD') return res.end()
  createReadStream(file).pipe(res)
}
