/** 门店与员工: the shops, the people who work in them, and the brand's operators with their permissions. */
import { TabbedArea } from '../../shell/TabbedArea'
import { OperatorsTab } from './OperatorsTab'
import { PosKeysTab } from './PosKeysTab'
import { StaffTab } from './StaffTab'
import { StoresTab } from './StoresTab'

export default function StoresArea() {
  return (
    <TabbedArea
      title="门店与员工"
      tabs={[
        { value: 'stores', label: '门店', content: <StoresTab /> },
        { value: 'staff', label: '员工', content: <StaffTab /> },
        { value: 'operators', label: '运营与权限', content: <OperatorsTab /> },
        { value: 'pos', label: '收银接口', content: <PosKeysTab /> },
      ]}
    />
  )
}
