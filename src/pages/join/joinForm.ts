/**
 * The join form's rules, apart from Taro: what the shopper typed → the `member.join` input, and which
 * row is wrong. The schema is the server's own (JoinSchema), so the form is never stricter or looser.
 */
import { PRIVACY_NOTICE_VERSION } from '../../api/privacy'
import { check } from '../../api/fields'
import { JoinSchema, type JoinInput } from '../../api/joinSchema'
import { AppError, type FieldError } from '../../domain/errors'
import { birthdayProblem, guardianConsentProblem } from '../../domain/member'
import { parseReferral } from '../../domain/referral'

/**
 * How the number is given: `wechat` (the default) by WeChat's own sheet at 立即加入, verified and never typed;
 * `typed` where WeChat gives none (refused, no permission) or the shopper prefers it — kept as unverified.
 */
export type PhoneMode = 'wechat' | 'typed'

export interface JoinDraft {
  /** Optional: the server calls a member without one 会员 and the card number's last four. */
  name: string
  phoneMode: PhoneMode
  /** Only in the `typed` mode. */
  mobile: string
  birthMonth: number | null
  birthDay: number | null
  /** Optional: many shoppers give only month and day. */
  birthYear: number | null
  consent: boolean
}

// eslint-disable-next-line no-control-regex -- control characters are what it strips from the inviter's name
const CONTROL_CHARACTERS = /[\u0000-\u001f]/g

export const EMPTY_DRAFT: JoinDraft = {
  name: '',
  phoneMode: 'wechat',
  mobile: '',
  birthMonth: null,
  birthDay: null,
  birthYear: null,
  consent: false,
}

/**
 * Stands for the getPhoneNumber code while the form is checked: WeChat's sheet is the last step, asked only once
 * every other row is right (a code lives 5 minutes and resolves once), so the code is not known before.
 */
const CODE_STILL_TO_ASK = 'wechat'

export type JoinField = 'name' | 'mobile' | 'birthday' | 'consent'
/** One message per form row; `form` holds what belongs to no row (e.g. an expired store QR). */
export type JoinErrors = Partial<Record<JoinField | 'form', string>>

export const JOIN_ROWS: readonly JoinField[] = ['name', 'mobile', 'birthday', 'consent']

/** Schema and server paths ("birthday.month", "consent.accepted", "scene") → the row that shows them. */
export const errorsByRow = (fields: readonly FieldError[]): JoinErrors => {
  const errors: JoinErrors = {}
  for (const { field, message } of fields) {
    const head = field === 'phoneCode' ? 'mobile' : field.split('.')[0]
    const row = (JOIN_ROWS as readonly string[]).includes(head) ? (head as JoinField) : 'form'
    errors[row] ??= message
  }
  return errors
}

const draftAsInput = (draft: JoinDraft, { scene, referral }: Arrival, phoneCode: string) => ({
  name: draft.name,
  ...(draft.phoneMode === 'typed' ? { mobile: draft.mobile } : { phoneCode }),
  // An unpicked birthday is left out, so the schema says "请选择生日" rather than "must be a number".
  birthday:
    draft.birthMonth === null || draft.birthDay === null
      ? undefined
      : { month: draft.birthMonth, day: draft.birthDay, ...(draft.birthYear === null ? {} : { year: draft.birthYear }) },
  consent: { accepted: draft.consent, version: PRIVACY_NOTICE_VERSION },
  ...(scene ? { scene } : {}),
  ...(referral ? { referral } : {}),
})

/**
 * The input for `member.join`, or every problem by row. `today` is the phone's date; the server re-checks. In the
 * `wechat` mode, pass the code once WeChat gave it (before, the input carries a stand-in).
 */
export const validateJoin = (
  draft: JoinDraft,
  arrival: Arrival,
  today: { year: number; month: number; day: number },
  phoneCode: string = CODE_STILL_TO_ASK,
): { ok: true; input: JoinInput } | { ok: false; errors: JoinErrors } => {
  const raw = draftAsInput(draft, arrival, phoneCode)
  const parsed = check(JoinSchema, raw)
  const errors = parsed.ok ? {} : errorsByRow(parsed.fields)
  // The calendar check (30 February, a future date) also runs when another row is wrong, to show all at once.
  // Then the age: a child under 14 joins in a store with a guardian (PIPL), said before anything is sent.
  const calendarProblem =
    raw.birthday && !errors.birthday ? (birthdayProblem(raw.birthday, today) ?? guardianConsentProblem(raw.birthday, today)) : null
  if (calendarProblem) errors.birthday = calendarProblem
  return parsed.ok && !calendarProblem ? { ok: true, input: parsed.value } : { ok: false, errors }
}

/**
 * A refused join, by row: the server's field errors where they belong. A number that is already another member's
 * is never a refusal (the server does not say whose a number is): that join opens a new card like any other.
 */
export const joinErrorsFrom = (error: unknown, fallbackMessage: string): JoinErrors => {
  if (!(error instanceof AppError)) return { form: fallbackMessage }
  if (error.code === 'INVALID_INPUT' && error.details?.fields?.length) return errorsByRow(error.details.fields)
  // An expired or used code: said on the phone row; the next 立即加入 asks WeChat for a new one.
  if (error.code === 'PHONE_CODE_INVALID') return { mobile: error.message }
  return { form: error.message }
}

/** WeChat hands a mini-program code's scene URL-encoded (H5 has it in `?scene=`); undefined when there is none. */
const decoded = (raw: string | undefined): string | undefined => {
  if (!raw) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw // malformed: the server refuses it with a message the form shows
  }
}

/** How the shopper reached the join page: what `member.join` is told, and whom to thank on the page. */
export interface Arrival {
  /** A store QR's scene ("s=SH001&a=A01"): the store and assistant who recruited them. */
  scene?: string
  /** A friend's referral code, from a share link or a poster. */
  referral?: string
  /**
   * The inviter's name as the share link carries it (`from=`), for the greeting only: anyone can write a link,
   * so it decides nothing (the server binds by the code). Null when unknown, e.g. from a poster.
   */
  inviterName?: string | null
}

const INVITER_NAME_MAX = 12

/**
 * The page's params → the arrival. A share link carries `ref=CODE` (and `from=NAME`); a poster's code opens
 * the page with the scene `r=CODE`; a store QR with the scene `s=STORE&a=ASSISTANT`. A poster's scene is a
 * referral, not a store: it is never sent as `scene`, which the server reads as a store QR.
 */
export const arrivalFromParams = (params: Partial<Record<'scene' | 'ref' | 'from', string>>): Arrival => {
  const scene = decoded(params.scene)
  const posterCode = scene?.startsWith('r=') ? parseReferral(scene) : null
  const referral = parseReferral(params.ref) ?? posterCode ?? undefined
  const name = referral && params.ref ? Array.from(decoded(params.from)?.replace(CONTROL_CHARACTERS, '').trim() ?? '') : []
  return {
    ...(scene && !scene.startsWith('r=') ? { scene } : {}),
    ...(referral ? { referral } : {}),
    inviterName: name.length > 0 ? name.slice(0, INVITER_NAME_MAX).join('') : null,
  }
}
