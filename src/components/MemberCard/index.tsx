import { Text, View } from '@tarojs/components'
import type { MemberView } from '../../api/contract'
import { formatMemberNo } from '../../domain/memberNo'
import type { PointBatch } from '../../domain/points'
import type { TierId } from '../../domain/program'
import { CARD_WORDMARK } from '../../brand'
import { expiryWording, formatPoints } from '../../wording/points'
import { cardValidityWording } from '../../wording/tiers'
import { TierBadge } from '../TierBadge'
import './index.scss'

interface Props {
  member: MemberView
  /** The tier in force now (a lapsed VIP shows as a member), from `effectiveTier`. */
  tier: TierId
  /** Usable points now (`availablePoints`), which can be fewer than the stored balance before the expiry job runs. */
  points: number
  /** A batch to warn about under the points (the card page decides when: `cardNotices`), or null. */
  expiring: PointBatch | null
  /** Tapping the points opens their history. */
  onPointsTap: () => void
  /** The 会员码 button: the member code full screen, one tap from the card. */
  onShowCode: () => void
}

/** The card face: whose card, which tier, how many points, until when, and the way to the member code. */
export const MemberCard = ({ member, tier, points, expiring, onPointsTap, onShowCode }: Props) => {
  const validity = cardValidityWording(tier, member.vipUntil)
  return (
    <View className={`member-card member-card--${tier}`}>
      <View className="member-card__top">
        <View>
          <Text className="member-card__brand">{CARD_WORDMARK}</Text>
          <Text className="member-card__store">{member.store?.name ?? '会员卡'}</Text>
        </View>
        <TierBadge tier={tier} />
      </View>
      <View className="member-card__holder">
        <View className="member-card__who">
          <Text className="member-card__name">{member.name}</Text>
          <Text className="member-card__number">会员号 {formatMemberNo(member.memberNo)}</Text>
        </View>
        <View className="member-card__code-button" onClick={onShowCode}>
          <View className="member-card__code-icon">
            <View className="member-card__code-dot" />
            <View className="member-card__code-dot" />
            <View className="member-card__code-dot" />
            <View className="member-card__code-dot" />
          </View>
          <Text className="member-card__code-label">会员码</Text>
        </View>
      </View>
      <View className="member-card__bottom">
        <View className="member-card__points-block" onClick={onPointsTap}>
          <Text className="member-card__label">积分</Text>
          <View className="member-card__points-row">
            <Text className="member-card__points">{formatPoints(points)}</Text>
            <Text className="member-card__more">明细 ›</Text>
          </View>
          {expiring && <Text className="member-card__expiry">{expiryWording(expiring)}</Text>}
        </View>
        {validity && <Text className="member-card__validity">{validity}</Text>}
      </View>
    </View>
  )
}
