/**
 * Demo data for the local cloud: one store, two shop assistants and the store manager, one brand operator, two shoppers. Shopper A has not joined
 * (to try the store-QR join); shopper B is a VIP with a purchase history made by the real domain rules,
 * so their balance equals the sum of their ledger entries. The store's other customers fill the staff
 * workbench's lists (./demo-customers).
 */
import { DEFAULT_CATALOG, DEFAULT_COUPON_TEMPLATES } from '../src/domain/defaultOffers'
import { DEFAULT_PROGRAM } from '../src/domain/program'
import { newMember, type Member } from '../src/domain/member'
import { recordPurchase } from '../src/domain/purchase'
import type { LedgerEntry } from '../src/domain/ledger'
import type { PurchaseRecord } from '../src/domain/purchase'
import { buildStoreScene } from '../src/domain/scene'
import type { OperatorDoc, SettingsProgramDoc, StaffDoc, StoreDoc } from '../cloudfunctions/_lib/collections'
import { demoCustomers } from './demo-customers'
import { DEMO_IMAGES } from './demo-images'
import { demoDayStats } from './demo-stats'
import { shopMoment } from './demo-time'
import { localIdentityPhones } from '../src/services/localIdentity'

export const DEMO_STORE: StoreDoc = {
  _id: 'SH001',
  name: '上海静安嘉里中心店',
  address: '上海市静安区南京西路1515号 嘉里中心南区 L2-12',
  phone: '021-6288-0001',
  openingHours: '10:00–22:00',
  location: { latitude: 31.2243, longitude: 121.4457 },
}

/** A second shop, so a member can move their home store (my home store) in the demo. */
export const DEMO_STORE_2: StoreDoc = {
  _id: 'SH002',
  name: '上海徐汇港汇恒隆店',
  address: '上海市徐汇区虹桥路1号 港汇恒隆广场 3F-21',
  phone: '021-6407-0002',
  openingHours: '10:00–22:00（周五、周六至22:30）',
  location: { latitude: 31.1947, longitude: 121.4373 },
}

export const DEMO_ASSISTANT: StaffDoc = {
  _id: 'demo-assistant-1',
  staffId: 'A01',
  name: '王丽',
  storeId: DEMO_STORE._id,
  role: 'assistant',
  active: true,
}

/** The store manager: sees the whole store's customers, reassigns them, and counts the callbacks. */
export const DEMO_MANAGER: StaffDoc = {
  _id: 'demo-manager-1',
  staffId: 'M01',
  name: '周慧',
  storeId: DEMO_STORE._id,
  role: 'manager',
  active: true,
}

/** A second shop assistant, so the manager's lists and figures span more than one person. */
export const DEMO_COLLEAGUE: StaffDoc = {
  _id: 'demo-assistant-3',
  staffId: 'A03',
  name: '赵敏',
  storeId: DEMO_STORE._id,
  role: 'assistant',
  active: true,
}

export const DEMO_OPERATOR: OperatorDoc = { _id: 'demo-operator-1', operatorId: 'OP01', name: '陈静', active: true }

/** The store QR's scene for the demo assistant, as printed on the counter card. */
export const DEMO_JOIN_SCENE = buildStoreScene({ storeId: DEMO_STORE._id, assistantId: DEMO_ASSISTANT.staffId })

export const demoDocuments = (now: Date = new Date()): Record<string, object[]> => {
  let shopperB: Member = newMember(
    {
      openid: 'demo-shopper-b',
      memberNo: '20261123002',
      name: '李娜',
      // The phone of the 顾客B identity: what phonenumber.getPhoneNumber answers for it on the local cloud.
      mobile: localIdentityPhones()['demo-shopper-b'],
      birthday: { month: 6, day: 18 },
      storeId: DEMO_STORE._id,
      assistantId: DEMO_ASSISTANT.staffId,
      consentVersion: '2026-11-01',
      referralCode: 'LNAB88',
    },
    // Joined at the counter, at shop hours like everything the demo seeds (./demo-time).
    shopMoment(now, 120, 12, 10),
  )
  const purchases: PurchaseRecord[] = []
  const ledger: LedgerEntry[] = []
  for (const [orderNo, amountFen, days, hour, minute] of [
    ['DEMO-0001', 36_800, 110, 14, 35],
    ['DEMO-0002', 62_900, 60, 19, 10],
    ['DEMO-0003', 25_800, 12, 11, 45],
  ] as const) {
    const decision = recordPurchase(
      shopperB,
      {
        storeId: DEMO_STORE._id,
        orderNo,
        amountFen,
        at: shopMoment(now, days, hour, minute),
        actor: { type: 'staff', id: DEMO_ASSISTANT.staffId, storeId: DEMO_STORE._id },
      },
      DEFAULT_PROGRAM,
    )
    shopperB = decision.member
    purchases.push(decision.purchase)
    ledger.push(...decision.entries)
  }
  const program: SettingsProgramDoc = { _id: 'program', rules: DEFAULT_PROGRAM, updatedAt: now.toISOString(), updatedBy: 'seed' }
  const customers = demoCustomers(now, { store: DEMO_STORE, assistant: DEMO_ASSISTANT, colleague: DEMO_COLLEAGUE })
  return {
    stores: [DEMO_STORE, DEMO_STORE_2],
    staff: [DEMO_ASSISTANT, DEMO_MANAGER, DEMO_COLLEAGUE],
    operators: [DEMO_OPERATOR],
    couponTemplates: DEFAULT_COUPON_TEMPLATES,
    // The tote bag has its photo (scripts/demo-images); the coupon shows its benefit on the placeholder.
    catalog: DEFAULT_CATALOG.map((item) => (item._id === 'tote-bag' ? { ...item, image: DEMO_IMAGES.toteBag } : item)),
    settings: [program],
    members: [shopperB, ...customers.members],
    purchases: [...purchases, ...customers.purchases],
    ledger: [...ledger, ...customers.ledger],
    callbacks: customers.callbacks,
    stats: demoDayStats([shopperB, ...customers.members], [...purchases, ...customers.purchases], now),
  }
}
