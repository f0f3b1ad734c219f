/**
 * The privacy notice shown at join (PIPL: purpose, fields, retention, rights). Its version is recorded with
 * the member's consent; the server refuses a join that accepted an older version.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11-01'

export const PRIVACY_NOTICE_SUMMARY =
  '我们收集您的姓名、手机号和生日，仅用于会员身份识别、积分与等级计算、生日礼遇及到店服务。' +
  '您的信息保存在品牌的微信云开发环境中，不会提供给第三方；您可随时在门店申请查询、更正或注销会员。'

/** Said at join, before anything is sent: children under 14 join in a store, with a guardian's consent. */
export const MINOR_NOTICE = '未满14周岁的儿童需经监护人同意方可成为会员，请由监护人陪同到店办理。'

/** `member.myData`: a JSON file in cloud storage with everything held about the caller, and a link to it. */
export interface MyDataFile {
  fileID: string
  /** The temporary download link (getTempFileURL). */
  url: string
  expiresAt: string
  bytes: number
  /** Records per collection in the file. */
  counts: Record<string, number>
}

/**
 * `member.deleteMembership`: erasing runs in steps within the function's time limit; `inProgress` means call
 * again with the same confirmation (each step is idempotent), until `deleted`.
 */
export type DeleteMembershipResult = { status: 'inProgress' } | { status: 'deleted'; pointsForfeited: number }
