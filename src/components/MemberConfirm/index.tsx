import { Text, View } from '@tarojs/components'
import type { MemberSummary } from '../../api/contract'
import { formatMemberNo } from '../../domain/memberNo'
import { formatPoints } from '../../wording/points'
import { TierBadge } from '../TierBadge'
import './index.scss'

interface Props {
  member: MemberSummary
  /** "换一位": back to finding a member. */
  onChange: () => void
  /** The balance in bold, where the points are what the page is about (the operator's audit). */
  stressPoints?: boolean
}

/**
 * Who a member code belongs to: at the till, for the assistant to confirm with the customer before
 * recording; on the operator's audit, whose ledger it is.
 */
export const MemberConfirm = ({ member, onChange, stressPoints = false }: Props) => (
  <View className="member-confirm">
    <View className="member-confirm__main">
      <View className="member-confirm__name-row">
        <Text className="member-confirm__name">{member.name}</Text>
        <TierBadge tier={member.tier} />
      </View>
      <Text className="member-confirm__meta">{`${member.mobileMasked} · ${formatMemberNo(member.memberNo)}`}</Text>
      <Text
        className={stressPoints ? 'member-confirm__points' : 'member-confirm__meta'}
      >{`积分 ${formatPoints(member.pointsBalance)}`}</Text>
    </View>
    <Text className="member-confirm__change" onClick={onChange}>
      换一位
    </Text>
  </View>
)
