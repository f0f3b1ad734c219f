/** Choosing one store in a form (a key's, an invitation's, members' new store): the brand's stores by name. */
import { Select } from 'tdesign-react'
import type { StoreView } from '../../../src/api/contract'

interface Props {
  stores: StoreView[]
  value: string | undefined
  onChange: (storeId: string) => void
}

export const StoreSelect = ({ stores, value, onChange }: Props) => (
  <Select
    value={value}
    onChange={(v) => onChange(v as string)}
    options={stores.map((s) => ({ value: s.id, label: s.name }))}
    placeholder="选择门店"
  />
)
