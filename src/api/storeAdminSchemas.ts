/**
 * Inputs of the desk's 门店与员工 pages (cloudfunctions/setup/storeAdmin.ts, staffAdmin.ts, operatorAdmin.ts) and of
 * accepting an invitation (member.acceptInvitation). The rules themselves live in src/domain (stores, operators,
 * invitations); these schemas run them at the edge so every bad field is reported at once.
 */
import * as v from 'valibot'
import { CODE_PATTERN, normalizeInvitationCode } from '../domain/invitations'
import { OPERATOR_AREAS } from '../domain/operators'
import { MAX_HAND_OVER_RECEIVERS, STAFF_ROLES } from '../domain/staff'
import { mapPointProblems, STORE_ID_PATTERN, STORE_ID_RULE, storePhoneProblem, WEEKDAYS, weeklyHoursProblems } from '../domain/stores'
import { boundedArray, PLAIN_TEXT, plainText } from './fields'
import { listInput } from './lists'
import { requestId } from './sharedSchemas'

const upper = v.transform((s: string) => s.trim().toUpperCase())

/** A store's id code, chosen by the operator when creating it (BJ001): upper-cased, then checked. */
export const storeIdCode = v.pipe(v.string('请填写门店编号'), upper, v.regex(STORE_ID_PATTERN, STORE_ID_RULE))

/** A staff number as the store QR carries it (A01, M02, BJ0107): a letter, then letters or digits. */
export const STAFF_NUMBER_RULE = '工号为字母开头的 2–12 位字母或数字，例如 A01'
export const staffNumber = v.pipe(v.string('请填写工号'), upper, v.regex(/^[A-Z][A-Z0-9]{1,11}$/, STAFF_NUMBER_RULE))

/** An operator's number (OP01): the same shape as a staff number. */
export const operatorNumber = v.pipe(
  v.string('请填写运营编号'),
  upper,
  v.regex(/^[A-Z][A-Z0-9]{1,11}$/, '运营编号为字母开头的 2–12 位字母或数字，例如 OP02'),
)

const personName = plainText('姓名', 20)

/** A coordinate: a finite number (NaN and Infinity arrive as null over JSON, and are refused as such). */
const coordinate = (label: string) => v.pipe(v.number(`${label}必须是数字`), v.finite(`${label}必须是数字`))

const mapPoint = v.pipe(
  v.object({ latitude: coordinate('纬度'), longitude: coordinate('经度') }, '请在地图上选择门店位置'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const p of mapPointProblems(dataset.value)) addIssue({ message: p.message, path: [pathItem(dataset.value, p.field)] })
  }),
)

/** A valibot issue path item for a field of `input` (what the edge reports as `location.latitude`). */
const pathItem = (input: Record<string, unknown>, key: string) =>
  ({ type: 'object', origin: 'value', input, key, value: input[key] }) as const

/** "HH:mm"; its format and order are checked per day below (weeklyHoursProblems), once, by the day's name. */
const HHMM = v.string('时间格式为 HH:mm（如 10:00）')
const dayHours = v.nullable(v.object({ opens: HHMM, closes: HHMM }, '请填写开门和打烊时间，或标为休息'))

const weeklyHours = v.pipe(
  v.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>, '请填写营业时间'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const p of weeklyHoursProblems(dataset.value)) {
      const day = p.field.slice('hours.'.length)
      addIssue({ message: p.message, path: [pathItem(dataset.value, day)] })
    }
  }),
)

const storePhone = v.pipe(
  v.string('请填写门店电话'),
  v.trim(),
  v.minLength(1, '请填写门店电话'),
  v.maxLength(30, '电话最多 30 个字符'),
  v.check(
    (s) => storePhoneProblem(s) === null,
    (issue) => storePhoneProblem(String(issue.input)) ?? '电话无效',
  ),
)

/**
 * Creating a store (`mode: 'create'`, the id must be new) or editing one (`'edit'`, it must exist): every field the
 * desk's form holds, each time. `active: false` closes the store (refused while it has active staff).
 */
export const SaveStoreSchema = v.object({
  mode: v.picklist(['create', 'edit'], '请选择新建或修改'),
  storeId: storeIdCode,
  name: plainText('门店名称', 30),
  address: plainText('地址', 100),
  location: v.nullable(mapPoint),
  hours: weeklyHours,
  phone: storePhone,
  active: v.boolean('请选择营业或停业'),
})
export type SaveStoreInput = v.InferInput<typeof SaveStoreSchema>

const search = v.optional(
  v.pipe(v.string('搜索内容必须是文字'), v.trim(), v.maxLength(30, '搜索最多 30 个字'), v.regex(PLAIN_TEXT, '搜索含有不可见字符')),
)

export const ListStoresSchema = listInput(v.object({ status: v.optional(v.picklist(['active', 'closed'], '门店状态无效')), search }), [
  'id',
  'name',
])
export type ListStoresInput = v.InferInput<typeof ListStoresSchema>

export const ListStaffSchema = listInput(
  v.object({
    storeId: v.optional(storeIdCode),
    role: v.optional(v.picklist(STAFF_ROLES, '岗位无效')),
    active: v.optional(v.boolean('在职状态无效')),
    search,
  }),
  ['store', 'name', 'staffId'],
)
export type ListStaffInput = v.InferInput<typeof ListStaffSchema>

export const InviteStaffSchema = v.object({
  storeId: storeIdCode,
  role: v.picklist(STAFF_ROLES, '请选择岗位：导购或店长'),
  name: personName,
  staffId: staffNumber,
  requestId,
})
export type InviteStaffInput = v.InferInput<typeof InviteStaffSchema>

export const StaffIdSchema = v.object({ staffId: staffNumber })
export type StaffIdInput = v.InferInput<typeof StaffIdSchema>

/** A leaver and the colleagues who take their customers: one or several, each once, never the leaver. */
const handOverParties = {
  fromStaffId: staffNumber,
  toStaffIds: boundedArray(staffNumber, MAX_HAND_OVER_RECEIVERS, `最多分给 ${MAX_HAND_OVER_RECEIVERS} 位同事`, '请选择接手的同事'),
}
type Parties = { fromStaffId: string; toStaffIds: string[] }
const eachOnce = (i: Parties) => new Set(i.toStaffIds).size === i.toStaffIds.length
const notTheLeaver = (i: Parties) => !i.toStaffIds.includes(i.fromStaffId)
const TWICE = '接手的同事重复了'
const LEAVER = '请选择另一位导购接手'

/** Who would receive how many, before the hand-over is made. */
export const PreviewHandOverSchema = v.pipe(
  v.object(handOverParties),
  v.forward(v.check(eachOnce, TWICE), ['toStaffIds']),
  v.forward(v.check(notTheLeaver, LEAVER), ['toStaffIds']),
)
export type PreviewHandOverInput = v.InferInput<typeof PreviewHandOverSchema>

type Order = Parties & { requestId: string }
export const HandOverCustomersSchema = v.pipe(
  v.object({ ...handOverParties, requestId }),
  v.forward(v.check<Order, string>(eachOnce, TWICE), ['toStaffIds']),
  v.forward(v.check<Order, string>(notTheLeaver, LEAVER), ['toStaffIds']),
)
export type HandOverCustomersInput = v.InferInput<typeof HandOverCustomersSchema>

const areas = boundedArray(v.picklist(OPERATOR_AREAS, '权限无效'), OPERATOR_AREAS.length, '权限过多', '请选择权限')

export const ListOperatorsSchema = listInput(v.object({ active: v.optional(v.boolean('在职状态无效')), search }), ['operatorId', 'name'])
export type ListOperatorsInput = v.InferInput<typeof ListOperatorsSchema>

export const InviteOperatorSchema = v.object({
  name: personName,
  operatorId: operatorNumber,
  areas,
  exportPII: v.boolean('请选择是否可导出完整手机号'),
  requestId,
})
export type InviteOperatorInput = v.InferInput<typeof InviteOperatorSchema>

export const SetOperatorPermissionsSchema = v.object({
  operatorId: operatorNumber,
  areas,
  exportPII: v.boolean('请选择是否可导出完整手机号'),
})
export type SetOperatorPermissionsInput = v.InferInput<typeof SetOperatorPermissionsSchema>

export const OperatorIdSchema = v.object({ operatorId: operatorNumber })
export type OperatorIdInput = v.InferInput<typeof OperatorIdSchema>

/** The code as typed or carried by the accept page's link (spaces, hyphens and lower case allowed). */
export const AcceptInvitationSchema = v.object({
  code: v.pipe(
    v.string('请输入邀请码'),
    v.maxLength(20, '邀请码无效'),
    v.transform(normalizeInvitationCode),
    v.regex(CODE_PATTERN, '邀请码应为 8 位字母或数字'),
  ),
})
export type AcceptInvitationInput = v.InferInput<typeof AcceptInvitationSchema>

export const ListInvitationsSchema = listInput(
  v.object({
    kind: v.optional(v.picklist(['staff', 'operator'], '邀请类型无效')),
    status: v.optional(v.picklist(['open', 'used', 'expired', 'revoked'], '邀请状态无效')),
  }),
  ['createdAt'],
)
export type ListInvitationsInput = v.InferInput<typeof ListInvitationsSchema>

export const InvitationCodeSchema = v.object({ code: AcceptInvitationSchema.entries.code })
export type InvitationCodeInput = v.InferInput<typeof InvitationCodeSchema>

/** A store manager invites a shop assistant to their own store (staff.inviteAssistant): the store is theirs. */
export const InviteAssistantSchema = v.object({ name: personName, staffId: staffNumber, requestId })
export type InviteAssistantInput = v.InferInput<typeof InviteAssistantSchema>
