/** The `setup` function: coupon templates and the points catalog, stores, staff, operators (the desk's setup screens). */
import type {
  CatalogItemIdInput,
  CouponTemplateIdInput,
  ListCatalogItemsInput,
  ListCouponTemplatesInput,
  RetireCouponTemplateInput,
  SaveCatalogItemInput,
  SaveCouponTemplateInput,
} from './catalogAdminSchemas'
import type {
  CatalogItemRow,
  CatalogItemState,
  CouponTemplateRow,
  CouponTemplateState,
  SavedCatalogItem,
  SavedCouponTemplate,
} from './catalogAdmin'
import type { ListPage } from './lists'
import type { PosKeyApi } from './pos'
import type { StoreAdminApi } from './storeAdmin'

/** 门店与员工 are StoreAdminApi's (src/api/storeAdmin.ts), the POS API's keys PosKeyApi's (src/api/pos.ts); the offers are below. */
export interface SetupApi extends StoreAdminApi, PosKeyApi {
  listCouponTemplates: { input: ListCouponTemplatesInput; output: ListPage<CouponTemplateRow> }
  /** Creates (no templateId; keyed by requestId) or edits (templateId + revision) a template. */
  saveCouponTemplate: { input: SaveCouponTemplateInput; output: SavedCouponTemplate }
  /** Stops issuing; IN_USE names what still issues it unless acknowledgeInUse. */
  retireCouponTemplate: { input: RetireCouponTemplateInput; output: CouponTemplateState }
  reactivateCouponTemplate: { input: CouponTemplateIdInput; output: CouponTemplateState }
  listCatalogItems: { input: ListCatalogItemsInput; output: ListPage<CatalogItemRow> }
  /** Creates (no itemId; keyed by requestId) or edits (itemId + revision) a catalog item. */
  saveCatalogItem: { input: SaveCatalogItemInput; output: SavedCatalogItem }
  retireCatalogItem: { input: CatalogItemIdInput; output: CatalogItemState }
  reactivateCatalogItem: { input: CatalogItemIdInput; output: CatalogItemState }
}
