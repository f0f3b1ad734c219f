import type { ReactNode } from 'react'
import type { StaffView } from '../../api/contract'
import { AccessGate } from '../../components/AccessGate'
import { RoleHeader } from '../../components/RoleHeader'
import { callCloud } from '../../services/cloud'
import './desk.scss'

const ROLE_NAMES = { assistant: '导购', manager: '店长' } as const

// The server re-checks the assistant on every call; this only picks the screen.
const staffWhoami = () => callCloud('staff', 'whoami', {})

const STAFF_ACCESS = {
  checkingTitle: '正在验证导购身份',
  forbiddenTitle: '仅限门店导购使用',
  forbiddenHint: '此页面供门店导购为顾客录入消费、退款和积分兑换。如您是本店导购，请联系店长开通权限。',
}

const staffLine = (staff: StaffView) => `${ROLE_NAMES[staff.role]} ${staff.name} · 工号 ${staff.staffId}`

/**
 * Every staff page: for shop assistants only, and headed by which store and who, as a till receipt is.
 * The till's panels go inside; a page that differs by role (a manager's extra controls) takes the signed-in
 * staff member as a function of them.
 */
export const StaffDesk = ({ children }: { children: ReactNode | ((staff: StaffView) => ReactNode) }) => (
  <AccessGate className="desk" whoami={staffWhoami} wording={STAFF_ACCESS}>
    {(staff) => (
      <>
        <RoleHeader title={staff.store.name} who={staffLine(staff)} />
        {typeof children === 'function' ? children(staff) : children}
      </>
    )}
  </AccessGate>
)
