import { Text, View } from '@tarojs/components'
import type { StaffView } from '../../api/contract'
import { AccessScreen, type Access } from '../../components/AccessGate'

const ROLE_NAMES = { assistant: '导购', manager: '店长' } as const

export const STAFF_ONLY = '仅限门店导购使用'

/** Checking, not staff, or failed: the whole page. */
export const StaffAccessScreen = ({ access, retry }: { access: Exclude<Access<StaffView>, { status: 'granted' }>; retry: () => void }) => (
  <AccessScreen
    access={access}
    retry={retry}
    checkingTitle="正在验证导购身份"
    forbiddenTitle={STAFF_ONLY}
    forbiddenHint="此页面供门店导购为顾客录入消费、退款和积分兑换。如您是本店导购，请联系店长开通权限。"
  />
)

/** Which store and who: every staff page says so at the top, as a till receipt does. */
export const StaffHeader = ({ staff }: { staff: StaffView }) => (
  <View className="staff-header">
    <Text className="staff-header__store">{staff.store.name}</Text>
    <Text className="staff-header__staff">{`${ROLE_NAMES[staff.role]} ${staff.name} · 工号 ${staff.staffId}`}</Text>
  </View>
)
