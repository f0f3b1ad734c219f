import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { MemberSummary } from '../../api/contract'
import { TIER_NAMES } from '../../domain/program'
import { formatPoints } from '../../wording/points'

interface Props {
  /** The server had this request already: nothing changed this time, so the mark is quiet, not a tick. */
  replayed: boolean
  /** What was recorded has been undone: a neutral mark, neither a tick nor an alarm. */
  undone?: boolean
  title: string
  /** What it did: the points moved, or (replayed) what it did when first recorded. */
  children: ReactNode
  /** The member as the server now has them. */
  member: MemberSummary
  /** The line about the order, between the member and the balance. */
  order?: string
}

/** The result screen of a till action: what it did, then whose account, which order, and the balance now. */
export const Receipt = ({ replayed, undone = false, title, children, member, order }: Props) => (
  <View className={`receipt${replayed ? ' receipt--replayed' : ''}${undone ? ' receipt--undone' : ''}`}>
    <View className="receipt__mark">{replayed ? 'i' : ''}</View>
    <Text className="receipt__title">{title}</Text>
    {children}
    <View className="receipt__lines">
      <Text className="receipt__line">{`会员 ${member.name}（${TIER_NAMES[member.tier]}）`}</Text>
      {order && <Text className="receipt__line">{order}</Text>}
      <Text className="receipt__line">{`当前积分 ${formatPoints(member.pointsBalance)}`}</Text>
    </View>
  </View>
)
