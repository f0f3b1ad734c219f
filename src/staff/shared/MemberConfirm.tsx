import { Text, View } from '@tarojs/components'
import type { MemberSummary } from '../../api/contract'
import { TierBadge } from '../../components/TierBadge'
import { formatMemberNo } from '../../domain/memberNo'
import { formatPoints } from '../../wording/points'

/** Who the code belongs to, for the assistant to confirm with the customer before recording. */
export const MemberConfirm = ({ member, onChange }: { member: MemberSummary; onChange: () => void }) => (
  <View className="member-confirm">
    <View className="member-confirm__main">
      <View className="member-confirm__name-row">
        <Text className="member-confirm__name">{member.name}</Text>
        <TierBadge tier={member.tier} />
      </View>
      <Text className="member-confirm__meta">{`${member.mobileMasked} · ${formatMemberNo(member.memberNo)}`}</Text>
      <Text className="member-confirm__meta">{`积分 ${formatPoints(member.pointsBalance)}`}</Text>
    </View>
    <Text className="member-confirm__change" onClick={onChange}>
      换一位
    </Text>
  </View>
)
