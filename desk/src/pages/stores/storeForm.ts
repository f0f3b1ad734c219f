/** The store form's state and how it becomes `setup.saveStore`'s input (every field, each time). */
import type { StoreRow } from '../../../../src/api/contract'
import type { SaveStoreInput } from '../../../../src/api/storeAdminSchemas'
import { CHINA_BOUNDS, mapPointProblems, WEEKDAYS, type WeeklyHours } from '../../../../src/domain/stores'

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
export const locationOf = (f: StoreForm): SaveStoreInput['location'] =>
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

/** A number as a person writes one: digits, an optional sign and decimals (not "1e3", not "0x1F"). */
const DECIMAL = String.raw`[+-]?\d+(?:\.\d+)?`
/** "31.2243,121.4457" as Tencent's pickers copy it; a full-width comma, a semicolon or spaces between work too. */
const POINT_TEXT = new RegExp(String.raw`^\s*(${DECIMAL})\s*(?:[,，;；]\s*|\s+)(${DECIMAL})\s*$`)

/**
 * A whole point pasted into one coordinate box: "lat,lng" → both fields. Tencent's tools write latitude first, but
 * some maps copy "lng,lat": in China the two ranges do not overlap, so a pair whose first number can only be a
 * longitude is read the other way round. Null when `text` is not a pair (an ordinary single number being typed).
 */
export const pastedPoint = (text: string): { latitude: string; longitude: string } | null => {
  const m = POINT_TEXT.exec(text)
  if (!m) return null
  const [first, second] = [m[1], m[2]]
  const [latMin, latMax] = CHINA_BOUNDS.latitude
  const firstIsLongitude = Math.abs(Number(first)) > latMax && Number(second) >= latMin && Number(second) <= latMax
  return firstIsLongitude ? { latitude: second, longitude: first } : { latitude: first, longitude: second }
}

/**
 * What is wrong with the typed point, by field, before it is sent (the server says the same): nothing while both
 * boxes are empty (no point) or while only one is filled (saving then names the missing one).
 */
export const pointProblems = (f: Pick<StoreForm, 'latitude' | 'longitude'>): Partial<Record<'latitude' | 'longitude', string>> => {
  const [lat, lng] = [f.latitude.trim(), f.longitude.trim()]
  const problems: Partial<Record<'latitude' | 'longitude', string>> = {}
  if (lat !== '' && !Number.isFinite(Number(lat))) problems.latitude = '纬度应为数字，例如 39.9334'
  if (lng !== '' && !Number.isFinite(Number(lng))) problems.longitude = '经度应为数字，例如 116.4550'
  if (lat === '' || lng === '' || problems.latitude || problems.longitude) return problems
  for (const p of mapPointProblems({ latitude: Number(lat), longitude: Number(lng) })) problems[p.field] = p.message
  return problems
}

/**
 * Tencent's location picker (GCJ-02, as WeChat's maps use) for a key from Tencent's map console, or null without
 * one. `referer` is the app name the key was registered with; `search=1` lets the operator search by address;
 * `type=1` makes the picker post the chosen point to the page that framed it; `coord` centres it on the point the
 * store has now.
 */
export const locationPickerUrl = (
  key: string | undefined,
  referer: string,
  around?: { latitude: number; longitude: number } | null,
): string | null =>
  key
    ? `https://apis.map.qq.com/tools/locpicker?search=1&type=1&key=${encodeURIComponent(key)}&referer=${encodeURIComponent(referer)}` +
      (around ? `&coord=${around.latitude},${around.longitude}` : '')
    : null

/** Where the picker's messages come from: it is served from apis.map.qq.com and redirects to mapapi.qq.com. */
export const LOCATION_PICKER_ORIGINS: readonly string[] = ['https://apis.map.qq.com', 'https://mapapi.qq.com']

export interface PickedPoint {
  latitude: string
  longitude: string
  /** The place's street address and name as the picker gives them ('' when it gives none). */
  address: string
  name: string
}

/**
 * The point in a message from Tencent's picker (`{ module: 'locationPicker', latlng: { lat, lng }, poiaddress,
 * poiname }`), or null for any other message: other frames and extensions post to the page too. Coordinates are
 * kept as the picker wrote them (the form holds text) and must be finite numbers.
 */
export const pickedPoint = (data: unknown): PickedPoint | null => {
  if (typeof data !== 'object' || data === null) return null
  const message = data as { module?: unknown; latlng?: { lat?: unknown; lng?: unknown }; poiaddress?: unknown; poiname?: unknown }
  if (message.module !== 'locationPicker' || typeof message.latlng !== 'object' || message.latlng === null) return null
  const { lat, lng } = message.latlng
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 100) : '')
  return { latitude: String(lat), longitude: String(lng), address: text(message.poiaddress), name: text(message.poiname) }
}
