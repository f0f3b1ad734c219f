/**
 * The role matrix, on the server: every operator action is refused to shop assistants, store managers,
 * shoppers and strangers; every staff action to shoppers, strangers and operators; managers' actions to
 * assistants; timer jobs to every client. Identity fields in the request body change nothing.
 * The action lists are records over the contract's action names, so a new action fails to compile until
 * it is placed in this matrix.
 */
import { DEMO_ASSISTANT, DEMO_MANAGER, DEMO_OPERATOR } from '../../scripts/demo-data'
import type { ActionName, FunctionName } from '../../src/api/contract'
import { startTestCloud } from './harness'

type Harness = Awaited<ReturnType<typeof startTestCloud>>
let h: Harness
let shopper: string
beforeAll(async () => {
  h = await startTestCloud()
  shopper = (await h.joinedShopper('roles')).openid
}, 60_000)
afterAll(() => h?.close())

const every = <F extends FunctionName>(actions: Record<ActionName<F>, true>) => Object.keys(actions) as ActionName<F>[]

const OPS: Record<ActionName<'ops'>, true> = {
  whoami: true,
  lookupMember: true,
  memberLedger: true,
  adjustPoints: true,
  couponTemplates: true,
  stores: true,
  createCampaign: true,
  campaigns: true,
  referrals: true,
  reviewReferral: true,
  program: true,
  updateProgram: true,
  programHistory: true,
  segments: true,
  dashboard: true,
  updateCampaign: true,
  closeCampaign: true,
  audienceSize: true,
  campaignFigures: true,
  messageFigures: true,
  listCampaigns: true,
  listReferrals: true,
  customers: true,
  customer: true,
  today: true,
  storeDirectory: true,
  storeCode: true,
  members: true,
  member: true,
  memberPurchases: true,
  memberCoupons: true,
  correctMemberBirthday: true,
  moveMemberStore: true,
}
const SETUP: Record<ActionName<'setup'>, true> = {
  listStores: true,
  saveStore: true,
  listStaff: true,
  inviteStaff: true,
  deactivateStaff: true,
  previewHandOver: true,
  handOverCustomers: true,
  listOperators: true,
  inviteOperator: true,
  setOperatorPermissions: true,
  deactivateOperator: true,
  listInvitations: true,
  revokeInvitation: true,
  invitationQr: true,
  listCouponTemplates: true,
  saveCouponTemplate: true,
  retireCouponTemplate: true,
  reactivateCouponTemplate: true,
  listCatalogItems: true,
  saveCatalogItem: true,
  retireCatalogItem: true,
  reactivateCatalogItem: true,
  createPosKey: true,
  listPosKeys: true,
  revokePosKey: true,
}
const EXPORT: Record<ActionName<'export'>, true> = { members: true, ledger: true }
const STAFF: Record<ActionName<'staff'>, true> = {
  whoami: true,
  scanMember: true,
  recordPurchase: true,
  lookupOrder: true,
  previewRefund: true,
  recordRefund: true,
  redeemCatalog: true,
  redeemPoints: true,
  lookupCoupon: true,
  redeemGiftCoupon: true,
  undoCouponUse: true,
  correctBirthday: true,
  customers: true,
  customer: true,
  today: true,
  todayCounts: true,
  revealPhone: true,
  logCallback: true,
  updateCustomerCard: true,
  reassign: true,
  callbackStats: true,
  storeStaff: true,
  codeAlerts: true,
  resumeTill: true,
  team: true,
  inviteAssistant: true,
  teamInvitationQr: true,
  deactivateAssistant: true,
  previewHandOver: true,
  handOverCustomers: true,
}
const MANAGERS_ONLY: ActionName<'staff'>[] = [
  'reassign',
  'callbackStats',
  'codeAlerts',
  'resumeTill',
  'team',
  'inviteAssistant',
  'teamInvitationQr',
  'deactivateAssistant',
  'previewHandOver',
  'handOverCustomers',
]
/** Event actions by who may call them. */
const EVENT: Record<ActionName<'event'>, 'shopper' | 'staff' | 'operator'> = {
  list: 'shopper',
  rsvp: 'shopper',
  cancel: 'shopper',
  mine: 'shopper',
  checkIn: 'staff',
  guestList: 'staff',
  storeEvents: 'staff',
  create: 'operator',
  update: 'operator',
  close: 'operator',
  manageList: 'operator',
  listEvents: 'operator',
  eventGuests: 'operator',
}

const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }
const STRANGER = 'never-joined-anyone'

describe('operators only', () => {
  it.each(every<'ops'>(OPS))('ops.%s is refused to assistant, manager, shopper and stranger', async (action) => {
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, STRANGER]) {
      expect(await h.call(caller, 'ops', action, {})).toMatchObject(forbidden)
    }
    expect(await h.call(DEMO_OPERATOR._id, 'ops', action, {})).not.toMatchObject(forbidden)
  })

  it.each(every<'setup'>(SETUP))('setup.%s is refused to assistant, manager, shopper and stranger', async (action) => {
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, STRANGER]) {
      expect(await h.call(caller, 'setup', action, {})).toMatchObject(forbidden)
    }
    expect(await h.call(DEMO_OPERATOR._id, 'setup', action, {})).not.toMatchObject(forbidden)
  })

  it.each(every<'export'>(EXPORT))('export.%s is refused to everyone but operators', async (action) => {
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, STRANGER]) {
      expect(await h.call(caller, 'export', action, {})).toMatchObject(forbidden)
    }
  })

  it.each(
    Object.entries(EVENT)
      .filter(([, who]) => who === 'operator')
      .map(([a]) => a),
  )('event.%s is refused to staff and shoppers', async (action) => {
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, STRANGER]) {
      expect(await h.call(caller, 'event', action as ActionName<'event'>, {})).toMatchObject(forbidden)
    }
  })
})

describe('staff only', () => {
  it.each(every<'staff'>(STAFF))('staff.%s is refused to shopper, stranger and operator', async (action) => {
    for (const caller of [shopper, STRANGER, DEMO_OPERATOR._id]) {
      expect(await h.call(caller, 'staff', action, {})).toMatchObject(forbidden)
    }
  })

  it.each(MANAGERS_ONLY)('staff.%s is for store managers, not assistants', async (action) => {
    expect(await h.call(DEMO_ASSISTANT._id, 'staff', action, {})).toMatchObject(forbidden)
    expect(await h.call(DEMO_MANAGER._id, 'staff', action, {})).not.toMatchObject(forbidden)
  })

  it.each(
    Object.entries(EVENT)
      .filter(([, who]) => who === 'staff')
      .map(([a]) => a),
  )('event.%s is refused to shoppers and strangers', async (action) => {
    for (const caller of [shopper, STRANGER])
      expect(await h.call(caller, 'event', action as ActionName<'event'>, {})).toMatchObject(forbidden)
  })
})

describe('identity comes from the cloud context only', () => {
  it('ignores openid, role and store fields in the request body', async () => {
    const forged = {
      openid: DEMO_OPERATOR._id,
      _openid: DEMO_OPERATOR._id,
      userInfo: { openId: DEMO_OPERATOR._id },
      role: 'operator',
      storeId: 'SH001',
    }
    expect(await h.call(shopper, 'ops', 'whoami', { ...forged }, { extra: forged })).toMatchObject(forbidden)
    expect(await h.call(shopper, 'staff', 'whoami', { ...forged }, { extra: forged })).toMatchObject(forbidden)
  })

  it('refuses the timer function to any client', async () => {
    const asClient = await h.cloud.invoke('jobs', { TriggerName: 'upkeep', Type: 'Timer' }, { openid: DEMO_OPERATOR._id })
    expect(asClient).toMatchObject(forbidden)
  })
})

const IMPORT: Record<ActionName<'import'>, true> = { dryRun: true, run: true }

describe('member import: operators only', () => {
  it.each(every<'import'>(IMPORT))('import.%s is refused to assistant, manager, shopper and stranger', async (action) => {
    for (const caller of [DEMO_ASSISTANT._id, DEMO_MANAGER._id, shopper, STRANGER]) {
      expect(await h.call(caller, 'import', action, {})).toMatchObject(forbidden)
    }
    expect(await h.call(DEMO_OPERATOR._id, 'import', action, {})).not.toMatchObject(forbidden)
  })
})
