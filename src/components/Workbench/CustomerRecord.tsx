/**
 * The read-only parts of a customer's record, shared by the staff workbench (which adds editing, callbacks
 * and reassignment around them) and the operators' view of every store (which only reads).
 */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { CallbackEntry, CustomerView } from '../../api/contract'
import { formatMemberNo } from '../../domain/memberNo'
import { formatYuan } from '../../domain/money'
import { businessDate } from '../../domain/time'
import { formatPoints } from '../../wording/points'
import { validityWording } from '../../wording/tiers'
import { birthdayText, callbackHead, nextCallbackText, profileRows, UNCLAIMED_MARK } from '../../wording/workbench'
import { Fact } from '../Fact'
import { TierBadge } from '../TierBadge'
import { ClassBadge } from './CustomerRow'
import './workbench.scss'

interface SummaryProps {
  customer: CustomerView
  /** Operators see which store the customer belongs to. */
  showStore?: boolean
  /** Beside the assistant's name: a manager's 更换导购. */
  assistantAction?: ReactNode
}

/**
 * A membership whose number was already another's when it joined. The joiner was told nothing (join does not say
 * whose a number is); the store checks who the customer is, e.g. a member who changed WeChat.
 */
const UNCONFIRMED_MOBILE_NOTE =
  '手机号未核实：入会时该号码已登记在另一张会员卡上。请核实顾客身份，换了微信的老会员可按手机后 4 位和姓名找到原卡'

/**
 * A member the brand imported who has not opened the card: the assistant calls them, and they open it by joining with
 * WeChat's verified phone (the same number), which brings their tier, points and history with them.
 */
const UNCLAIMED_NOTE = '已导入，未开卡：请联系顾客用微信扫门店码入会，授权同一手机号即可领取原等级和积分'

/** Who, how valuable, when last seen, who looks after them. Goes inside a panel. */
export const CustomerSummary = ({ customer: c, showStore = false, assistantAction }: SummaryProps) => {
  const validity = validityWording(c.tier, c.vipUntil)
  return (
    <>
      <View className="customer-summary__head">
        <Text className="customer-summary__name">{c.name}</Text>
        <TierBadge tier={c.tier} />
        <ClassBadge value={c.customerClass} />
        {c.unclaimed && <Text className="unclaimed-badge">{UNCLAIMED_MARK}</Text>}
      </View>
      <Text className="customer-summary__id">{`会员号 ${formatMemberNo(c.memberNo)} · ${c.mobileMasked}`}</Text>
      {c.mobileUnconfirmed && <Text className="customer-summary__unconfirmed">{UNCONFIRMED_MOBILE_NOTE}</Text>}
      {c.unclaimed && <Text className="customer-summary__unconfirmed">{UNCLAIMED_NOTE}</Text>}
      <View className="facts customer-summary__facts">
        <Fact label="可用积分" value={formatPoints(c.pointsBalance)} />
        <Fact label="累计消费" value={formatYuan(c.lifetimeSpendFen)} />
        <Fact label="消费次数" value={`${c.purchaseCount} 次`} />
        <Fact label="上次消费" value={c.lastPurchaseAt ? businessDate(c.lastPurchaseAt) : '尚未消费'} />
        <Fact label="上次到店" value={businessDate(c.lastSeenAt)} />
        <Fact label="入会日期" value={businessDate(c.joinedAt)} />
        <Fact label="生日" value={birthdayText(c.birthday)} />
        {validity && <Fact label="会员有效期" value={validity.replace('有效期至 ', '至 ')} />}
        <Fact label="下次回访" value={c.nextCallbackAt ? businessDate(c.nextCallbackAt) : '未安排'} />
        {showStore && <Fact label="所属门店" value={c.store?.name ?? '未关联门店'} />}
        <View className="facts__row">
          <Text className="facts__label">负责导购</Text>
          <View className="customer-summary__assistant">
            <Text className="facts__value">{c.assistant?.name ?? '未分配'}</Text>
            {assistantAction}
          </View>
        </View>
      </View>
    </>
  )
}

/** The handbook's customer card as it is on file (sizes, colours, styles, notes), or what an empty card says. */
export const CustomerCardFacts = ({ profile, empty }: { profile: CustomerView['profile']; empty: string }) => {
  const rows = profileRows(profile)
  return rows.length === 0 ? (
    <Text className="wb-section__empty">{empty}</Text>
  ) : (
    <View className="facts">
      {rows.map((r) => (
        <View key={r.label} className="facts__row profile-row">
          <Text className="facts__label profile-row__label">{r.label}</Text>
          <Text className="profile-row__value">{r.value}</Text>
          {r.source && <Text className="profile-row__source">{r.source}</Text>}
        </View>
      ))}
    </View>
  )
}

/** Earlier callbacks, newest first: when, who, how it went, what was said, the next date agreed. */
export const CallbackHistory = ({ callbacks }: { callbacks: CallbackEntry[] }) =>
  callbacks.length === 0 ? (
    <Text className="wb-section__empty">还没有回访记录</Text>
  ) : (
    <>
      {/* Two callbacks may share a minute and an assistant (logged twice at the till): the place tells them apart. */}
      {callbacks.map((entry, index) => (
        <View key={`${index}-${entry.at}-${entry.staffName}`} className="callback-entry">
          <Text className="callback-entry__head">{callbackHead(entry)}</Text>
          {entry.note && <Text className="callback-entry__note">{entry.note}</Text>}
          {entry.nextAt && <Text className="callback-entry__next">{nextCallbackText(entry.nextAt)}</Text>}
        </View>
      ))}
    </>
  )
