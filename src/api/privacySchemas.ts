/** Input schemas of the member's privacy rights (export and deletion), checked at the edge like the others. */
import * as v from 'valibot'
import { DELETE_CONFIRM_PHRASE } from '../domain/erasure'

export const DeleteMembershipSchema = v.object({
  /** The phrase typed by the member, exactly. */
  confirm: v.pipe(
    v.string(`请输入「${DELETE_CONFIRM_PHRASE}」以确认`),
    v.trim(),
    v.check((s) => s === DELETE_CONFIRM_PHRASE, `请输入「${DELETE_CONFIRM_PHRASE}」以确认`),
  ),
})
export type DeleteMembershipInput = v.InferInput<typeof DeleteMembershipSchema>
