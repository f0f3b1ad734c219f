/**
 * `npm run pos -- <command>`: the POS API from a terminal, against the running local cloud (npm start) or any
 * HTTP access domain (--url). A POS vendor's ten-minute tour: make a key, record a sale, refund it.
 *
 *   npm run pos -- key --store BJ001 [--label 收银机1]          a key for the store (local cloud; as the demo operator)
 *   npm run pos -- lookup --key pk_… --secret … --code <18 digits>
 *   npm run pos -- purchase --key pk_… --secret … [--code <18 digits>] --amount 520.00 --order A1 [--lines lines.json]
 *   npm run pos -- refund --key pk_… --secret … --order A1 --refund R1 --amount 100.00
 *   npm run pos -- openapi [--check]                            writes docs/pos-api.yaml (--check: fails when stale)
 *
 * --url defaults to LOCAL_CLOUD_URL, else http://127.0.0.1:$LOCAL_CLOUD_PORT (8787). The sale's answer is printed as
 * the API sent it; the exit code is 0 for ok, 1 otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { POS_OPENAPI } from '../../src/api/posOpenApi'
import { DEMO_OPERATOR } from '../demo-data'
import { posRequest, type PosCredentials } from './client'
import { toYaml } from './yaml'

const root = resolve(__dirname, '../..')
export const OPENAPI_YAML = join(root, 'docs/pos-api.yaml')

const parseArgs = (argv: string[]): { command: string; flags: Record<string, string | true> } => {
  const [command = 'help', ...rest] = argv
  const flags: Record<string, string | true> = {}
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`)
    const next = rest[i + 1]
    if (next === undefined || next.startsWith('--')) flags[a.slice(2)] = true
    else flags[a.slice(2)] = rest[++i]
  }
  return { command, flags }
}

const need = (flags: Record<string, string | true>, name: string): string => {
  const v = flags[name]
  if (typeof v !== 'string' || v === '') throw new Error(`--${name} is required`)
  return v
}

/** "520.00" → 52000 fen; at most two decimals. */
export const yuanToFen = (text: string): number => {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) throw new Error(`--amount ${text}: write yuan with at most two decimals, e.g. 520.00`)
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

const baseUrl = (flags: Record<string, string | true>) =>
  typeof flags.url === 'string' ? flags.url : (process.env.LOCAL_CLOUD_URL ?? `http://127.0.0.1:${process.env.LOCAL_CLOUD_PORT ?? 8787}`)

const credentials = (flags: Record<string, string | true>): PosCredentials => ({ keyId: need(flags, 'key'), secret: need(flags, 'secret') })

const print = (reply: { status: number; body: { ok: boolean } }) => {
  console.log(`HTTP ${reply.status}`)
  console.log(JSON.stringify(reply.body, null, 2))
  return reply.body.ok ? 0 : 1
}

export const run = async (argv: string[]): Promise<number> => {
  const { command, flags } = parseArgs(argv)
  switch (command) {
    case 'key': {
      // The local cloud's gateway, as the demo operator (x-local-openid works on the local cloud only).
      const res = await fetch(`${baseUrl(flags)}/functions/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': typeof flags.as === 'string' ? flags.as : DEMO_OPERATOR._id },
        body: JSON.stringify({
          action: 'createPosKey',
          input: { storeId: need(flags, 'store'), label: typeof flags.label === 'string' ? flags.label : '收银机' },
        }),
      })
      const answer = (await res.json()) as {
        ok: boolean
        data?: { key: { keyId: string; store: { id: string } }; secret: string }
        error?: unknown
      }
      if (!answer.ok || !answer.data) {
        console.error(JSON.stringify(answer, null, 2))
        return 1
      }
      console.log(`store:  ${answer.data.key.store.id}`)
      console.log(`key:    ${answer.data.key.keyId}`)
      console.log(`secret: ${answer.data.secret}`)
      console.log('The secret is shown this once: keep it in the till configuration.')
      return 0
    }
    case 'lookup':
      return print(await posRequest(baseUrl(flags), credentials(flags), { method: 'GET', path: `/pos/v1/members/${need(flags, 'code')}` }))
    case 'purchase': {
      const lines = typeof flags.lines === 'string' ? (JSON.parse(readFileSync(flags.lines, 'utf8')) as unknown) : undefined
      const body = {
        orderNo: need(flags, 'order'),
        amountFen: yuanToFen(need(flags, 'amount')),
        ...(typeof flags.code === 'string' ? { memberCode: flags.code } : {}),
        ...(typeof flags.coupon === 'string' ? { couponCode: flags.coupon } : {}),
        ...(lines !== undefined ? { lines } : {}),
      }
      return print(await posRequest(baseUrl(flags), credentials(flags), { method: 'POST', path: '/pos/v1/purchases', body }))
    }
    case 'refund': {
      const body = { orderNo: need(flags, 'order'), refundNo: need(flags, 'refund'), amountFen: yuanToFen(need(flags, 'amount')) }
      return print(await posRequest(baseUrl(flags), credentials(flags), { method: 'POST', path: '/pos/v1/refunds', body }))
    }
    case 'openapi': {
      const text = toYaml(POS_OPENAPI)
      if (flags.check === true) {
        const current = (() => {
          try {
            return readFileSync(OPENAPI_YAML, 'utf8')
          } catch {
            return ''
          }
        })()
        if (current === text) return 0
        console.error('docs/pos-api.yaml is out of date: npm run pos -- openapi')
        return 1
      }
      writeFileSync(OPENAPI_YAML, text)
      console.log(`wrote ${OPENAPI_YAML}`)
      return 0
    }
    default:
      console.log(
        readFileSync(__filename, 'utf8')
          .split('*/')[0]
          .replace(/^\/\*\*?/, '')
          .replace(/^ \* ?/gm, ''),
      )
      return command === 'help' ? 0 : 1
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error((e as Error).message)
      process.exit(1)
    },
  )
}
