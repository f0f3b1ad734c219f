import { Text, View } from '@tarojs/components'
import type { ReferralView } from '../../api/contract'
import { formatMemberNo } from '../../domain/memberNo'
import { joinedAtText, REFERRAL_STATUS_WORDS } from '../../wording/referral'

interface Props {
  referral: ReferralView
  /** Approve / reject, offered for a held referral only. */
  onApprove?: () => void
  onReject?: () => void
}

/** One referral as the operator reviews it: the friend, who invited them, when, its state and why it was held. */
export const ReferralEntry = ({ referral, onApprove, onReject }: Props) => (
  <View className={`ops-referral ops-referral--${referral.status}`}>
    <View className="ops-referral__top">
      <Text className="ops-referral__invitee">{referral.invitee.name}</Text>
      <Text className="ops-referral__no">{formatMemberNo(referral.invitee.memberNo)}</Text>
      <Text className={`ops-referral__status ops-referral__status--${referral.status}`}>{REFERRAL_STATUS_WORDS[referral.status]}</Text>
    </View>
    <Text className="ops-referral__line">{`邀请人 ${referral.inviter.name} · ${formatMemberNo(referral.inviter.memberNo)}`}</Text>
    <Text className="ops-referral__line">{joinedAtText(referral.joinedAt)}</Text>
    {referral.flags.length > 0 && (
      <View className="ops-referral__flags">
        {referral.flags.map((flag) => (
          <Text key={flag} className="ops-referral__flag">
            {flag}
          </Text>
        ))}
      </View>
    )}
    {referral.status === 'held' && onApprove && onReject && (
      <View className="ops-referral__actions">
        <Text className="ops-referral__action ops-referral__action--reject" onClick={onReject}>
          驳回
        </Text>
        <Text className="ops-referral__action ops-referral__action--approve" onClick={onApprove}>
          通过
        </Text>
      </View>
    )}
  </View>
)
