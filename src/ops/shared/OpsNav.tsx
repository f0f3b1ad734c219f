import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROUTES } from '../../routes'

const TOOLS = [
  { url: ROUTES.opsMember, title: '会员积分审计' },
  { url: ROUTES.opsCampaigns, title: '优惠券活动' },
  { url: ROUTES.opsEvents, title: '会员活动' },
  { url: ROUTES.opsReferrals, title: '邀请审核' },
  { url: ROUTES.opsExport, title: '数据导出' },
  { url: ROUTES.opsProgram, title: '会员规则' },
  { url: ROUTES.opsSegments, title: '客户分层' },
  { url: ROUTES.opsDashboard, title: '数据看板' },
  { url: ROUTES.opsCustomers, title: '全部顾客' },
  { url: ROUTES.opsPosters, title: '门店海报' },
  { url: ROUTES.opsDeskSessions, title: '登录设备' },
] as const

/** The operator's other tools, top right under the header. */
export const OpsNav = ({ current }: { current: (typeof TOOLS)[number]['url'] }) => (
  <View className="ops-page__nav">
    {TOOLS.filter((tool) => tool.url !== current).map((tool) => (
      <Text key={tool.url} className="ops-page__nav-link" onClick={() => void Taro.navigateTo({ url: tool.url })}>
        {`${tool.title} ›`}
      </Text>
    ))}
  </View>
)
