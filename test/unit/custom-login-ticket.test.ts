/**
 * The desk function's custom-login tickets are made as @cloudbase/node-sdk makes them (cloudfunctions/_lib/
 * customLogin.ts): for the same key, uid and instant, the very same text — so CloudBase accepts ours as its own.
 */
import { generateKeyPairSync } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'
import { mintTicket } from '../../cloudfunctions/_lib/customLogin'

const key = {
  private_key_id: 'b3f1c0ffee',
  private_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  env_id: 'vip-card-prod-1a2b',
}

afterEach(() => jest.useRealTimers())

it('makes the same ticket as node-sdk auth().createTicket for the same key, uid, instant and login end', () => {
  const now = Date.parse('2026-12-07T05:00:00Z')
  const expire = now + 8 * 3600_000
  jest.useFakeTimers({ now })
  const app = tcb.init({ env: key.env_id, credentials: key } as Parameters<typeof tcb.init>[0])
  const theirs = app.auth().createTicket('desk-0123456789abcdef01234567', { expire })
  expect(mintTicket('desk-0123456789abcdef01234567', expire, now, key)).toBe(theirs)
})

it('says which key signed it and carries the uid, the environment and a 10-minute use-by', () => {
  const now = Date.parse('2026-12-07T05:00:00Z')
  const ticket = mintTicket('desk-abc', now + 1000, now, key)
  const [keyId, jwt] = ticket.split('/@@/')
  expect(keyId).toBe(key.private_key_id)
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>
  expect(claims).toMatchObject({ env: key.env_id, uid: 'desk-abc', iat: now, exp: now + 600_000, expire: now + 1000 })
})

it('refuses to make a ticket without the key, with a message an operator can act on', () => {
  delete process.env.CUSTOM_LOGIN_KEY
  expect(() => mintTicket('desk-abc', Date.now() + 1000)).toThrow('登录密钥未配置')
})
