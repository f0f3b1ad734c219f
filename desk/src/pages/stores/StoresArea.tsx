/** 门店与员工: the shops, the people who work in them, and the brand's operators with their permissions. */
import { Tabs } from 'tdesign-react'
import { OperatorsTab } from './OperatorsTab'
import { StaffTab } from './StaffTab'
import { StoresTab } from './StoresTab'

export default function StoresArea() {
  return (
    <section className="page">
      <h2 className="page__title">门店与员工</h2>
      <Tabs defaultValue="stores">
        <Tabs.TabPanel value="stores" label="门店">
          <div className="tab-body">
            <StoresTab />
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel value="staff" label="员工">
          <div className="tab-body">
            <StaffTab />
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel value="operators" label="运营与权限">
          <div className="tab-body">
            <OperatorsTab />
          </div>
        </Tabs.TabPanel>
      </Tabs>
    </section>
  )
}
