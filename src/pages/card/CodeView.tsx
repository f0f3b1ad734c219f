import { Text, View } from '@tarojs/components'
import { MemberCode } from '../../components/MemberCode'
import { TIER_NAMES, type TierId } from '../../domain/program'
import type { CodeState } from './useCard'

interface Props {
  name: string
  tier: TierId
  memberNo: string
  code: CodeState
  onClose: () => void
}

/**
 * The member code full screen, over the card page (not a page of its own: the main package is near its budget):
 * large barcode and QR on white, whose name and tier the assistant can check, and one way back.
 */
export const CodeView = ({ name, tier, memberNo, code, onClose }: Props) => (
  <View className="code-view">
    <View className="code-view__panel">
      <Text className="code-view__title">会员码</Text>
      <Text className="code-view__who">{`${name} · ${TIER_NAMES[tier]}`}</Text>
      <View className="code-view__code">
        <MemberCode memberNo={memberNo} secret={code.secret} offsetMs={code.offsetMs} />
      </View>
      <Text className="code-view__hint">结账时出示给导购扫码，积分自动累计</Text>
    </View>
    <View className="code-view__close" onClick={onClose}>
      <Text>完成</Text>
    </View>
  </View>
)
