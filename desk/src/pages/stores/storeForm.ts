/** The store form's state and how it becomes `setup.saveStore`'s input (every field, each time). */
import type { StoreRow } from '../../../../src/api/contract'
import type { SaveStoreInput } from '../../../../src/api/storeAdminSchemas'
import { WEEKDAYS, type WeeklyHours } from '../../../../src/domain/stores'

export interface StoreForm {
  storeId: string
  name: string
  address: string
  phone: string
  latitude: string
  longitude: string
  hours: WeeklyHours
  active: boolean
}

const EVERY_DAY_10_TO_22: WeeklyHours = Object.fromEntries(WEEKDAYS.map((d) => [d, { opens: '10:00', closes: '22:00' }])) as WeeklyHours

export const EMPTY_STORE: StoreForm = {
  storeId: '',
  name: '',
  address: '',
  phone: '',
  latitude: '',
  longitude: '',
  hours: EVERY_DAY_10_TO_22,
  active: true,
}

export const storeFormOf = (s: StoreRow): StoreForm => ({
  storeId: s.id,
  name: s.name,
  address: s.address,
  phone: s.phone,
  latitude: s.location ? String(s.location.latitude) : '',
  longitude: s.location ? String(s.location.longitude) : '',
  hours: s.hours ?? EVERY_DAY_10_TO_22,
  active: s.active,
})

/** Both coordinates or neither (a store without a map point); a half-typed point is sent for the server to refuse. */
const locationOf = (f: StoreForm): SaveStoreInput['location'] =>
  f.latitude.trim() === '' && f.longitude.trim() === '' ? null : { latitude: Number(f.latitude), longitude: Number(f.longitude) }

export const storeInputOf = (f: StoreForm, mode: 'create' | 'edit'): SaveStoreInput => ({
  mode,
  storeId: f.storeId.trim(),
  name: f.name,
  address: f.address,
  location: locationOf(f),
  hours: f.hours,
  phone: f.phone,
  active: f.active,
})
