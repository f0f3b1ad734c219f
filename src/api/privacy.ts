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

/**
 * The privacy policy in full (the join page shows the summary above; the privacy page shows both). Plain words,
 * as PIPL art. 17 asks: who processes what, why, how long, and the member's rights and how to use them.
 */
export const PRIVACY_POLICY: readonly { title: string; text: string }[] = [
  {
    title: '我们收集哪些信息',
    text: '注册时：姓名、手机号、生日（出生年份可不填）。使用中：消费、退款与积分记录，优惠券与活动报名，邀请好友的关系，导购的回访记录，以及识别您微信账号的标识（openid）。我们只收集会员服务必需的信息。',
  },
  {
    title: '用途',
    text: '识别会员身份、计算积分与等级、发放生日礼遇与优惠券、活动报名与签到、门店导购为您提供到店服务。未经您同意，不会用于其他目的。',
  },
  {
    title: '保存与安全',
    text: '信息保存在品牌的微信云开发环境中，只有经授权的门店导购和品牌运营人员能按职责查看；导购只能看到隐去中间四位的手机号。会员期间保存；注销后个人信息即删除，消费与积分流水以匿名方式保留，仅用于财务对账。',
  },
  {
    title: '对外提供',
    text: '我们不出售、不向第三方提供您的个人信息。订阅消息（如生日礼券提醒）经您逐次同意后由微信发送。',
  },
  {
    title: '未成年人',
    text: MINOR_NOTICE,
  },
  {
    title: '您的权利',
    text: '您可以随时在本页导出全部个人信息（查阅、复制），到店请导购协助更正信息，或在本页注销会员（删除）。订阅消息可在微信设置中关闭。如有疑问，请联系门店店长。',
  },
]
