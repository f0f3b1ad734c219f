/**
 * The printed store QR codes: operators list the stores with their staff, then fetch each code to print (the
 * mini-program's 门店海报, src/ops/posters, paints the A5 posters; scripts/posters does on the local cloud). The
 * code is a mini-program code from wxacode.getUnlimited (config.json grants `ops` that cloud call) whose scene
 * names the store and the assistant who recruits with it: the join page binds the new member to both. Codes are
 * not kept: a code is fetched when a poster is printed, rarely.
 */
import type { StoreCodeView, StoreDirectoryEntry } from '../../src/api/contract'
import { StoreCodeSchema } from '../../src/api/opsSchemas'
import { EmptySchema } from '../../src/api/schemas'
import { invalidInput } from '../../src/domain/errors'
import { buildStoreScene } from '../../src/domain/scene'
import { openApi } from '../_lib/cloud'
import type { StaffDoc } from '../_lib/collections'
import { giftText } from '../_lib/coupons'
import { data } from '../_lib/data'
import { loadProgram } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'

/** Where a scanned store code opens: the join page reads the scene. */
export const STORE_CODE_PAGE = 'pages/join/index'
/** Pixels of the code's side: large enough to print sharp at A5. */
const CODE_WIDTH = 860

export const storeDirectory = operatorAction('stores', EmptySchema, async (): Promise<{ stores: StoreDirectoryEntry[] }> => {
  const [stores, staff] = await Promise.all([
    data.stores.all().orderBy('_id', 'asc').limit(1000).get(),
    data.staff.where({ active: true }).orderBy('staffId', 'asc').limit(1000).get(),
  ])
  return {
    stores: stores.map((s) => ({
      id: s._id,
      name: s.name,
      address: s.address,
      staff: staff.filter((p) => p.storeId === s._id).map((p) => ({ staffId: p.staffId, name: p.name, role: p.role })),
    })),
  }
})

export const storeCode = operatorAction('stores', StoreCodeSchema, async ({ storeId, assistantId }): Promise<StoreCodeView> => {
  const store = await data.stores.get(storeId)
  if (!store) throw invalidInput([{ field: 'storeId', message: '没有这个门店' }])
  if (store.active === false) throw invalidInput([{ field: 'storeId', message: '该门店已停业，不能再印门店码' }])
  let assistant: StaffDoc | null = null
  if (assistantId) {
    assistant = await data.staff.where({ staffId: assistantId }).first()
    // A poster must never bind new members to someone who left, or to another store's assistant.
    if (!assistant?.active || assistant.storeId !== storeId)
      throw invalidInput([{ field: 'assistantId', message: '该门店没有这位在职导购' }])
  }
  const scene = buildStoreScene({ storeId, assistantId: assistant?.staffId ?? null })
  const [code, welcomeGift] = await Promise.all([
    openApi().wxacode.getUnlimited({ scene, page: STORE_CODE_PAGE, width: CODE_WIDTH }),
    loadProgram().then((program) => giftText(program.coupons.welcomeTemplateId)),
  ])
  return {
    store: { id: store._id, name: store.name, address: store.address },
    assistant: assistant ? { staffId: assistant.staffId, name: assistant.name } : null,
    scene,
    welcomeGift,
    page: STORE_CODE_PAGE,
    image: { contentType: code.contentType, base64: Buffer.from(code.buffer).toString('base64') },
  }
})
