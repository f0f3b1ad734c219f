/**
 * What an operator of the brand may do: permissions as data. Each desk area is one permission; an operator holds
 * a list of them (`operators/<OPENID>.areas`), checked on the server for every call (cloudfunctions/_lib/runtime.ts).
 * An operator document without the list holds every area: the brand owner, and every operator from before
 * areas existed (no migration needed; setting a list narrows them).
 */

export const OPERATOR_AREAS = ['members', 'rules', 'catalog', 'marketing', 'stores', 'reports', 'exports'] as const
export type OperatorArea = (typeof OPERATOR_AREAS)[number]

/** The areas in the desk's words, for its permission picker and for the refusal that names what is missing. */
export const AREA_WORDS: Record<OperatorArea, string> = {
  members: '会员（调整积分、更正生日、转店）',
  rules: '规则',
  catalog: '优惠券模板与积分商城',
  marketing: '营销与活动',
  stores: '门店、员工与运营权限',
  reports: '报表',
  exports: '导出',
}

/** What the runtime and the admin actions read of an operator document. */
export interface OperatorPowers {
  areas?: readonly OperatorArea[]
  /** Extra grants: `exportPII`, member exports carry full phone numbers. */
  permissions?: readonly string[]
}

/** The areas an operator holds: all of them when the document names none (the owner, operators from before). */
export const areasOf = (o: OperatorPowers): OperatorArea[] =>
  o.areas ? OPERATOR_AREAS.filter((a) => o.areas!.includes(a)) : [...OPERATOR_AREAS]

export const holdsArea = (o: OperatorPowers, area: OperatorArea): boolean => areasOf(o).includes(area)

export const holdsEveryArea = (o: OperatorPowers): boolean => areasOf(o).length === OPERATOR_AREAS.length

export const missingAreaMessage = (area: OperatorArea): string => `您没有“${AREA_WORDS[area]}”权限，请联系品牌负责人开通`

/** What an operator may hand to another (an invitation, a change of permissions). */
export interface Grant {
  areas: readonly OperatorArea[]
  exportPII: boolean
}

/**
 * An operator grants only what they hold, so that nobody widens their own powers through a colleague; full phone
 * numbers in exports (exportPII) only one who holds them, or the owner (every area), may grant.
 */
export const grantProblem = (granter: OperatorPowers, grant: Grant): string | null => {
  const held = areasOf(granter)
  const beyond = grant.areas.filter((a) => !held.includes(a))
  if (beyond.length) return `不能授予自己没有的权限：${beyond.map((a) => AREA_WORDS[a]).join('、')}`
  if (grant.exportPII && !granter.permissions?.includes('exportPII') && !holdsEveryArea(granter))
    return '只有拥有全部权限或“导出完整手机号”权限的运营可以授予该权限'
  return null
}

/**
 * After a change, someone must still be able to manage operators: the active operators holding `stores` (who
 * invite, set permissions and deactivate) must not drop to none. `after` is every active operator as the change
 * leaves them.
 */
export const keepsAnAdministrator = (after: readonly (OperatorPowers & { active: boolean })[]): boolean =>
  after.some((o) => o.active && holdsArea(o, 'stores'))

/**
 * A change of someone's powers (or their deactivation, a change to none) touches only what the one making it holds:
 * every area added or removed, and exportPII added or removed, must be theirs to grant (grantProblem). So an operator
 * managing staff cannot strip the owner of the rules, nor hand out exports they do not have.
 */
export const changeProblem = (granter: OperatorPowers, before: OperatorPowers, after: Grant): string | null => {
  const was = areasOf(before)
  const changed = OPERATOR_AREAS.filter((a) => was.includes(a) !== after.areas.includes(a))
  const hadPII = before.permissions?.includes('exportPII') === true
  return grantProblem(granter, { areas: changed, exportPII: hadPII !== after.exportPII })
}
