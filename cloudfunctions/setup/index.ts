/**
 * Cloud function `setup`: what a brand sets up once and changes now and then, mostly from the operators' desk —
 * coupon templates and the points catalog, stores, staff and their invitations, operators and their permissions.
 * Apart from `ops` so that the day-to-day function stays within its bundle budget and cold start. Every action
 * checks, on the server, that the caller is an active operator holding the action's area.
 */
import { serve } from '../_lib/runtime'
import {
  listCatalogItems,
  listCouponTemplates,
  reactivateCatalogItem,
  reactivateCouponTemplate,
  retireCatalogItem,
  retireCouponTemplate,
  saveCatalogItem,
  saveCouponTemplate,
} from './catalogAdmin'
import { listStores, saveStore } from './storeAdmin'
import { deactivateStaff, handOverCustomers, inviteStaff, listStaff, previewHandOver } from './staffAdmin'
import { deactivateOperator, inviteOperator, listOperators, setOperatorPermissions } from './operatorAdmin'
import { invitationQr, listInvitations, revokeInvitation } from './invitationAdmin'
import { createPosKey, listPosKeys, revokePosKey } from './posKeyAdmin'

export const main = serve('setup', {
  // Offers: coupon templates and the points catalog.
  listCouponTemplates,
  saveCouponTemplate,
  retireCouponTemplate,
  reactivateCouponTemplate,
  listCatalogItems,
  saveCatalogItem,
  retireCatalogItem,
  reactivateCatalogItem,
  // 门店与员工: stores, staff, invitations, operators and their permissions.
  listStores,
  saveStore,
  listStaff,
  inviteStaff,
  deactivateStaff,
  previewHandOver,
  handOverCustomers,
  listOperators,
  inviteOperator,
  setOperatorPermissions,
  deactivateOperator,
  listInvitations,
  revokeInvitation,
  invitationQr,
  // The POS API's keys (cloudfunctions/pos).
  createPosKey,
  listPosKeys,
  revokePosKey,
})
