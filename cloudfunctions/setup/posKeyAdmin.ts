/**
 * The POS API's keys (cloudfunctions/pos): operators holding the stores area make one for a store's till or the
 * brand's ERP, list them (never their secrets) and revoke them. A key's secret is in the answer that makes it and in
 * no answer after: whoever loses it revokes the key and makes another. Every call is audited (runtime.ts).
 */
import { randomBytes } from 'node:crypto'
import type { PosKeyRow } from '../../src/api/pos'
import { CreatePosKeySchema, ListPosKeysSchema, PosKeyIdSchema } from '../../src/api/posSchemas'
import { fieldRefused } from '../../src/domain/errors'
import type { PosKeyDoc, StoreDoc } from '../_lib/collections'
import { data } from '../_lib/data'
import { duplicateKeyIndex } from '../_lib/errors'
import { operatorAction } from '../_lib/runtime'

const row = (k: PosKeyDoc, store: StoreDoc | null): PosKeyRow => ({
  keyId: k._id,
  store: { id: k.storeId, name: store?.name ?? k.storeId },
  label: k.label,
  revoked: k.revoked,
  createdAt: k.createdAt,
  createdBy: k.createdBy,
  revokedAt: k.revokedAt,
})

export const createPosKey = operatorAction('stores', CreatePosKeySchema, async ({ storeId, label }, ctx) => {
  const store = await data.stores.get(storeId)
  if (!store) throw fieldRefused('storeId', `没有编号为 ${storeId} 的门店`)
  if (store.active === false) throw fieldRefused('storeId', `门店 ${store.name} 已停业，不能新建收银密钥`)
  for (;;) {
    const key: PosKeyDoc = {
      _id: `pk_${randomBytes(8).toString('hex')}`,
      storeId,
      secret: randomBytes(32).toString('hex'),
      label,
      revoked: false,
      createdAt: ctx.now,
      createdBy: ctx.operator.operatorId,
      revokedAt: null,
      revokedBy: null,
    }
    try {
      await data.posKeys.add(key)
      return { key: row(key, store), secret: key.secret }
    } catch (e) {
      // 2^64 ids: a collision is all but impossible, and then a new id is drawn.
      if (duplicateKeyIndex(e) !== '_id_') throw e
    }
  }
})

export const listPosKeys = operatorAction('stores', ListPosKeysSchema, async ({ storeId }) => {
  const keys = await (storeId ? data.posKeys.where({ storeId }) : data.posKeys.where({})).orderBy('createdAt', 'desc').limit(200).get()
  const storeIds = [...new Set(keys.map((k) => k.storeId))]
  const stores = new Map((await Promise.all(storeIds.map((id) => data.stores.get(id)))).flatMap((s) => (s ? [[s._id, s] as const] : [])))
  return { keys: keys.map((k) => row(k, stores.get(k.storeId) ?? null)) }
})

export const revokePosKey = operatorAction('stores', PosKeyIdSchema, async ({ keyId }, ctx) => {
  const key = await data.posKeys.get(keyId)
  if (!key) throw fieldRefused('keyId', '没有这个密钥')
  // Revoked once, for good: a second revoke answers the first one's record.
  const next: PosKeyDoc = key.revoked ? key : { ...key, revoked: true, revokedAt: ctx.now, revokedBy: ctx.operator.operatorId }
  if (!key.revoked) await data.posKeys.update(keyId, { revoked: true, revokedAt: ctx.now, revokedBy: ctx.operator.operatorId })
  return { key: row(next, await data.stores.get(key.storeId)) }
})
