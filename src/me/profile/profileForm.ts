/**
 * My profile as a form, apart from Taro: what the member types, checked with the server's own schema, each
 * message at its row; the server's refusal (INVALID_INPUT by field) lands at the same rows. Nothing is sent
 * until every row is right, and the server writes all of it or none.
 */
import type { ProfileView } from '../../api/contract'
import { check } from '../../api/fields'
import { UpdateProfileSchema, type UpdateProfileInput } from '../../api/memberSchemas'
import { AppError, type FieldError } from '../../domain/errors'
import type { MessageKinds } from '../../domain/member'
import { errorsByRow, refusalByRow, type RowErrors } from '../../services/formErrors'
import { parseTags, tagsText } from '../../wording/workbench'

export interface ProfileDraft {
  name: string
  clothingSize: string
  shoeSize: string
  children: { name: string; size: string }[]
  colours: string
  styles: string
  recipient: string
  phone: string
  address: string
  messages: MessageKinds
}

export type ProfileRow =
  'name' | 'birthday' | 'clothingSize' | 'shoeSize' | 'children' | 'colours' | 'styles' | 'recipient' | 'phone' | 'address' | 'messages'
export type ProfileErrors = RowErrors<ProfileRow>

export const MESSAGE_KINDS: readonly { key: keyof MessageKinds; label: string }[] = [
  { key: 'newArrivals', label: '新品到店' },
  { key: 'events', label: '会员活动' },
  { key: 'birthday', label: '生日祝福与礼券' },
  { key: 'pointsExpiry', label: '积分到期提醒' },
]

/** Why the store asks, per optional field: said next to the field, so nothing is asked without a reason. */
export const WHY: Record<'birthday' | 'sizes' | 'children' | 'tastes' | 'address' | 'messages', string> = {
  birthday: '用于生日月礼遇（生日券、积分加倍）。已登记，如需更正请到门店由导购办理',
  sizes: '选填。到店前为您备好合适尺码，新品到店时按尺码推荐',
  children: '选填。童装按孩子的尺码推荐，孩子长高了随时更新',
  tastes: '选填。导购为您挑选、推荐新品时参考',
  address: '选填。仅在您选择送货上门时使用',
  messages: '只发送您选择的消息，可随时更改',
}

const NO_MESSAGES: MessageKinds = { newArrivals: false, events: false, birthday: false, pointsExpiry: false }

export const draftOf = (view: ProfileView): ProfileDraft => ({
  name: view.name,
  clothingSize: view.profile.clothingSize ?? '',
  shoeSize: view.profile.shoeSize ?? '',
  children: (view.profile.children ?? []).map((c) => ({ ...c })),
  colours: tagsText(view.profile.colours),
  styles: tagsText(view.profile.styles),
  recipient: view.profile.deliveryAddress?.recipient ?? '',
  phone: view.profile.deliveryAddress?.phone ?? '',
  address: view.profile.deliveryAddress?.address ?? '',
  messages: view.profile.messages ?? NO_MESSAGES,
})

/** "deliveryAddress.phone" → phone; "children.1.size" → children; "colours.0" → colours. */
const rowOf = (field: string): string => {
  const [head, ...rest] = field.split('.')
  if (head === 'deliveryAddress') return rest[0] ?? 'address'
  return head
}
const ROWS: readonly ProfileRow[] = [
  'name',
  'birthday',
  'clothingSize',
  'shoeSize',
  'children',
  'colours',
  'styles',
  'recipient',
  'phone',
  'address',
  'messages',
]
const ROW_OF_FIELD: Record<string, ProfileRow> = Object.fromEntries(ROWS.map((r) => [r, r]))
const byRow = (fields: readonly FieldError[]): FieldError[] => fields.map(({ field, message }) => ({ field: rowOf(field), message }))

/** The input the form sends: every row, emptied ones too (the server keeps only what is not sent). */
export const inputOf = (draft: ProfileDraft): UpdateProfileInput => {
  const hasAddress = [draft.recipient, draft.phone, draft.address].some((s) => s.trim() !== '')
  return {
    name: draft.name,
    clothingSize: draft.clothingSize,
    shoeSize: draft.shoeSize,
    children: draft.children.filter((c) => c.name.trim() !== '' || c.size.trim() !== ''),
    colours: parseTags(draft.colours),
    styles: parseTags(draft.styles),
    deliveryAddress: hasAddress ? { recipient: draft.recipient, phone: draft.phone, address: draft.address } : null,
    messages: draft.messages,
  }
}

export const checkProfile = (draft: ProfileDraft): { ok: true; input: UpdateProfileInput } | { ok: false; errors: ProfileErrors } => {
  const input = inputOf(draft)
  const parsed = check(UpdateProfileSchema, input)
  if (!parsed.ok) return { ok: false, errors: errorsByRow(ROW_OF_FIELD, byRow(parsed.fields)) }
  return { ok: true, input: parsed.value }
}

export const profileErrorsFrom = (error: unknown, fallbackMessage: string): ProfileErrors =>
  error instanceof AppError && error.code === 'INVALID_INPUT' && error.details?.fields?.length
    ? errorsByRow(ROW_OF_FIELD, byRow(error.details.fields))
    : refusalByRow(error, fallbackMessage, ROW_OF_FIELD)
