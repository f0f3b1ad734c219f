/** The desk's areas, each a page loaded when first opened (its code is not in the first download). */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

export interface DeskPage {
  path: string
  title: string
  component: LazyExoticComponent<ComponentType>
}

export const DESK_PAGES: DeskPage[] = [
  { path: '/members', title: '会员', component: lazy(() => import('../pages/members/MembersArea')) },
  { path: '/coupon-templates', title: '优惠券模板', component: lazy(() => import('../pages/offers/CouponTemplatesPage')) },
  { path: '/sessions', title: '登录设备', component: lazy(() => import('../pages/sessions/SessionsPage')) },
]
