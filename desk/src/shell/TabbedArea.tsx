/** A desk area of several tables under one title, one tab each (门店与员工, 营销). */
import type { ReactNode } from 'react'
import { Tabs } from 'tdesign-react'

export interface AreaTab {
  value: string
  label: string
  content: ReactNode
}

export const TabbedArea = ({ title, tabs }: { title: string; tabs: AreaTab[] }) => (
  <section className="page">
    <h2 className="page__title">{title}</h2>
    <Tabs defaultValue={tabs[0].value}>
      {tabs.map((tab) => (
        <Tabs.TabPanel key={tab.value} value={tab.value} label={tab.label}>
          <div className="tab-body">{tab.content}</div>
        </Tabs.TabPanel>
      ))}
    </Tabs>
  </section>
)
