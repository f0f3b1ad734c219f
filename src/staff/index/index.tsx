import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { StaffView, TodayCounts } from '../../api/contract'
import { ROUTES } from '../../routes'
import { callCloud } from '../../services/cloud'
import { todayTileCounts } from '../../wording/workbench'
import { StaffDesk } from '../shared/StaffDesk'
import './index.scss'

interface Action {
  mark: string
  title: string
  hint: string
  url: string
  /** Figures under the hint ("本月生日 3"): how much waits behind the action. */
  counts?: readonly { text: string; some: boolean }[]
}

/** What a shop assistant does at the till, in the order they meet it (coupons are used within 录入消费). */
const TILL: readonly Action[] = [
  { mark: '消', title: '录入消费', hint: '扫会员码，按订单累积积分', url: ROUTES.staffPurchase },
  { mark: '退', title: '退货退款', hint: '按订单号退款，扣回相应积分', url: ROUTES.staffRefund },
  { mark: '兑', title: '积分兑换', hint: '用会员积分兑换礼品或服务', url: ROUTES.staffRedeem },
  { mark: '礼', title: '礼品券核销', hint: '扫礼品券，把积分兑换的礼品交给顾客', url: ROUTES.staffGift },
  { mark: '生', title: '修改生日', hint: '为会员更正生日（需填写原因）', url: ROUTES.staffBirthday },
  { mark: '签', title: '活动签到', hint: '本店会员活动：扫票码签到，查看签到名单', url: ROUTES.staffEvents },
]

/** Looking after customers: whose they are depends on the role (a manager's: the whole store's). */
const workbench = (staff: StaffView, counts: TodayCounts | null): Action[] => {
  const manager = staff.role === 'manager'
  return [
    {
      mark: '今',
      title: '今日与本月',
      hint: '本月生日、即将到期VIP、久未到店、待回访',
      url: ROUTES.staffToday,
      ...(counts ? { counts: todayTileCounts(counts) } : {}),
    },
    {
      mark: '客',
      title: manager ? '本店顾客' : '我的顾客',
      hint: manager ? '全店会员：查找、资料卡、回访、更换导购' : '我负责的会员：查找、资料卡、回访记录',
      url: ROUTES.staffCustomers,
    },
    ...(manager
      ? [
          { mark: '统', title: '回访统计', hint: '每位导购每月的回访次数与联系顾客数', url: ROUTES.staffCallbacks },
          { mark: '员', title: '本店员工', hint: '邀请新导购、停用离职导购、移交顾客', url: ROUTES.staffTeam },
        ]
      : []),
  ]
}

/** A panel of actions. The till's keeps the class `staff-actions` alone: other pages' tests look for exactly one. */
const ActionList = ({ className, actions }: { className: string; actions: readonly Action[] }) => (
  <View className={className}>
    {actions.map((action) => (
      <View key={action.url} className="staff-actions__item" onClick={() => void Taro.navigateTo({ url: action.url })}>
        <View className="staff-actions__mark">{action.mark}</View>
        <View className="staff-actions__text">
          <Text className="staff-actions__title">{action.title}</Text>
          <Text className="staff-actions__hint">{action.hint}</Text>
          {action.counts && (
            <View className="staff-actions__counts">
              {action.counts.map((c) => (
                <Text key={c.text} className={`staff-actions__count${c.some ? ' staff-actions__count--some' : ''}`}>
                  {c.text}
                </Text>
              ))}
            </View>
          )}
        </View>
        <Text className="staff-actions__chevron">›</Text>
      </View>
    ))}
  </View>
)

/**
 * The workbench's actions with today's figures on them, read each time the home page shows (after a callback
 * logged elsewhere the figure drops). Without them (not answered yet, or failed) the actions work all the same.
 */
const Workbench = ({ staff }: { staff: StaffView }) => {
  const [counts, setCounts] = useState<TodayCounts | null>(null)
  const load = () => void callCloud('staff', 'todayCounts', {}).then(setCounts, () => undefined)
  // Shown once the caller is known to be staff (after the page's first show), then again on every return.
  useEffect(load, [])
  useDidShow(load)
  return <ActionList className="staff-workbench" actions={workbench(staff, counts)} />
}

/** The way in from "导购入口": who is signed in at which store, the till actions, then looking after customers. */
const StaffHomePage = () => (
  <StaffDesk>
    {(staff) => (
      <>
        <Text className="staff-group">收银台</Text>
        <ActionList className="staff-actions" actions={TILL} />
        <Text className="staff-group">顾客维护</Text>
        <Workbench staff={staff} />
      </>
    )}
  </StaffDesk>
)

export default StaffHomePage
