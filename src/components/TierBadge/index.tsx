import { Text } from '@tarojs/components'
import { TIER_NAMES, type TierId } from '../../domain/program'
import './index.scss'

/** The tier's name on its own colour; used on the shopper's card and at the till. */
export const TierBadge = ({ tier }: { tier: TierId }) => <Text className={`tier-badge tier-badge--${tier}`}>{TIER_NAMES[tier]}</Text>
