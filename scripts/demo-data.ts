/**
 * Demo data for the local cloud: one store, one shop assistant, one brand operator, two shoppers. Shopper A has not joined
 * (to try the store-QR join); shopper B is a VIP with a purchase history made by the real domain rules,
 * so their balance equals the sum of their ledger entries.
 */
import { DEFAULT_CATALOG, DEFAULT_COUPON_TEMPLATES } from '../src/domain/defaultOffers'
import { DEFAULT_PROGRAM } from '../src/domain/program'
import { newMember, type Member } from '../src/domain/member'
import { recordPurchase } from '../src/domain/purchase'
import type { LedgerEntry } from '../src/domain/ledger'
import type { PurchaseRecord } from '../src/domain/purchase'
import { buildStoreScene } from '../src/domain/scene'
import type { OperatorDoc, SettingsProgramDoc, StaffDoc, StoreDoc } from '../cloudfunctions/_lib/collections'

export const DEMO_STORE: StoreDoc = {
  _id: 'SH001',
  name: '上海静安嘉里中心店',
  address: '上海市静安区南京西路1515号 嘉里中心南区 L2-12',
  phone: '021-6288-0001',
  openingHours: '10:00–22:00',
}

export const DEMO_ASSISTANT: StaffDoc = {
  _id: 'demo-assistant-1',
  staffId: 'A01',
  name: '王丽',
  storeId: DEMO_STORE._id,
  role: 'assistant',
  active: true,
}

export const DEMO_OPERATOR: OperatorDoc = { _id: 'demo-operator-1', operatorId: 'OP01', name: '陈静', active: true }

/** The store QR's scene for the demo assistant, as printed on the counter card. */
export const DEMO_JOIN_SCENE = buildStoreScene({ storeId: DEMO_STORE._id, assistantId: DEMO_ASSISTANT.staffId })

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()

export const demoDocuments = (now: Date = new Date()): Record<string, object[]> => {
  let shopperB: Member = newMember(
    {
      openid: 'demo-shopper-b',
      memberNo: '20261123002',
      name: '李娜',
      mobile: '13900001234',
      birthday: { month: 6, day: 18 },
      storeId: DEMO_STORE._id,
      assistantId: DEMO_ASSISTANT.staffId,
      consentVersion: '2026-11-01',
      referralCode: 'LNAB88',
    },
    daysBefore(now, 120),
  )
  const purchases: PurchaseRecord[] = []
  const ledger: LedgerEntry[] = []
  for (const [orderNo, amountFen, days] of [
    ['DEMO-0001', 36_800, 110],
    ['DEMO-0002', 62_900, 60],
    ['DEMO-0003', 25_800, 12],
  ] as const) {
    const decision = recordPurchase(
      shopperB,
      {
        storeId: DEMO_STORE._id,
        orderNo,
        amountFen,
        at: daysBefore(now, days),
        actor: { type: 'staff', id: DEMO_ASSISTANT.staffId, storeId: DEMO_STORE._id },
      },
      DEFAULT_PROGRAM,
    )
    shopperB = decision.member
    purchases.push(decision.purchase)
    ledger.push(...decision.entries)
  }
  const program: SettingsProgramDoc = { _id: 'program', rules: DEFAULT_PROGRAM, updatedAt: now.toISOString(), updatedBy: 'seed' }
  return {
    stores: [DEMO_STORE],
    staff: [DEMO_ASSISTANT],
    operators: [DEMO_OPERATOR],
    couponTemplates: DEFAULT_COUPON_TEMPLATES,
    catalog: DEFAULT_CATALOG,
    settings: [program],
    members: [shopperB],
    purchases,
    ledger,
  }
}
