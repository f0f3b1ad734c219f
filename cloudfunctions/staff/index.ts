/**
 * Cloud function `staff`: what shop assistants and store managers do. Every action checks, on the server, that
 * the caller is active staff (see `staffAction`); the actions live by role: the till (till.ts), refunds
 * (refunds.ts), coupons (coupons.ts), the workbench (workbench.ts), a manager's team (team.ts) and the brake on guessing codes (codeBrake.ts).
 */
import { serve } from '../_lib/runtime'
import { codeAlerts, resumeTill } from './codeBrake'
import { lookupCoupon, redeemGiftCoupon, undoCouponUse } from './coupons'
import { lookupOrder, previewRefund, recordRefund } from './refunds'
import { deactivateAssistant, handOverCustomers, inviteAssistant, previewHandOver, team, teamInvitationQr } from './team'
import { scanMember, recordPurchase, redeemCatalog, redeemPoints } from './till'
import {
  callbackStats,
  correctBirthday,
  customer,
  customers,
  logCallback,
  reassign,
  revealPhone,
  storeStaff,
  today,
  todayCounts,
  updateCustomerCard,
  whoami,
} from './workbench'

export const main = serve('staff', {
  whoami,
  scanMember,
  recordPurchase,
  lookupOrder,
  previewRefund,
  recordRefund,
  redeemCatalog,
  redeemPoints,
  lookupCoupon,
  redeemGiftCoupon,
  undoCouponUse,
  correctBirthday,
  customers,
  customer,
  today,
  todayCounts,
  revealPhone,
  logCallback,
  updateCustomerCard,
  reassign,
  callbackStats,
  storeStaff,
  codeAlerts,
  resumeTill,
  team,
  inviteAssistant,
  teamInvitationQr,
  deactivateAssistant,
  previewHandOver,
  handOverCustomers,
})
