/** The desk's areas, each a page loaded when first opened (its code is not in the first download). */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { OperatorArea } from '../../../src/domain/operators'

export interface DeskPage {
  path: string
  title: string
  component: LazyExoticComponent<ComponentType>
  /** The permission the page needs (the server checks every call; this only hides what would be refused). */
  area?: OperatorArea
}

export const DESK_PAGES: DeskPage[] = [
  { path: '/members', title: '会员', area: 'members', component: lazy(() => import('../pages/members/MembersArea')) },
  { path: '/import', title: '导入会员', area: 'members', component: lazy(() => import('../pages/import/ImportPage')) },
  { path: '/customers', title: '顾客', area: 'members', component: lazy(() => import('../pages/customers/CustomersPage')) },
  { path: '/rules', title: '规则', area: 'rules', component: lazy(() => import('../pages/rules/RulesPage')) },
  { path: '/coupon-templates', title: '优惠券模板', area: 'catalog', component: lazy(() => import('../pages/offers/CouponTemplatesPage')) },
  { path: '/catalog', title: '积分商城', area: 'catalog', component: lazy(() => import('../pages/offers/CatalogPage')) },
  { path: '/events', title: '活动', area: 'marketing', component: lazy(() => import('../pages/events/EventsArea')) },
  { path: '/marketing', title: '营销', area: 'marketing', component: lazy(() => import('../pages/marketing/MarketingArea')) },
  { path: '/reports', title: '报表', area: 'reports', component: lazy(() => import('../pages/reports/ReportsPage')) },
  { path: '/exports', title: '数据导出', area: 'exports', component: lazy(() => import('../pages/exports/ExportsPage')) },
  { path: '/stores', title: '门店与员工', area: 'stores', component: lazy(() => import('../pages/stores/StoresArea')) },
  { path: '/sessions', title: '登录设备', component: lazy(() => import('../pages/sessions/SessionsPage')) },
]
