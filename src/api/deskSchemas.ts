/** Inputs of the `desk` function: signing the operators' desk in by scanning, and its sessions. */
import * as v from 'valibot'
import { CLAIM_CODE_PATTERN, normalizeClaimCode } from '../domain/ownerClaim'
import { plainText } from './fields'

/** A desk sign-in request's id: what its QR code carries (22 base64url characters of 16 random bytes). */
export const deskRequestId = v.pipe(v.string('缺少登录请求'), v.regex(/^[A-Za-z0-9_-]{22}$/, '登录二维码无效'))
/** A desk session's id (24 hex digits). */
export const deskSessionId = v.pipe(v.string('缺少登录会话'), v.regex(/^[0-9a-f]{24}$/, '登录会话无效'))

export const RequestDeskLoginSchema = v.object({ browser: plainText('浏览器', 80) })
export type RequestDeskLoginInput = v.InferInput<typeof RequestDeskLoginSchema>

export const DeskLoginSchema = v.object({ requestId: deskRequestId })
export type DeskLoginInput = v.InferInput<typeof DeskLoginSchema>

export const AnswerDeskLoginSchema = v.object({ requestId: deskRequestId, approve: v.boolean('请选择确认或取消') })
export type AnswerDeskLoginInput = v.InferInput<typeof AnswerDeskLoginSchema>

export const RevokeDeskSessionSchema = v.object({ sessionId: deskSessionId })
export type RevokeDeskSessionInput = v.InferInput<typeof RevokeDeskSessionSchema>

/** The brand owner's first sign-in (src/domain/ownerClaim.ts): the desk's request, their name, the printed code. */
export const ClaimOwnershipSchema = v.object({
  requestId: deskRequestId,
  name: plainText('姓名', 20),
  code: v.pipe(
    v.string('请填写认领码'),
    v.maxLength(40, '认领码不正确'),
    v.transform(normalizeClaimCode),
    v.regex(CLAIM_CODE_PATTERN, '认领码为 10 位字母和数字，请对照部署时打印的认领码'),
  ),
})
export type ClaimOwnershipInput = v.InferInput<typeof ClaimOwnershipSchema>
