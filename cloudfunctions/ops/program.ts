/**
 * The program rules editor's server side: the live rules, saving a new version (validated, one at a time,
 * going forward only) and the history of who changed what, when and why.
 */
import type { ProgramView, ProgramVersionView } from '../../src/api/contract'
import { ProgramHistorySchema, UpdateProgramSchema } from '../../src/api/programSchema'
import { EmptySchema } from '../../src/api/schemas'
import { AppError, invalidInput, type FieldError } from '../../src/domain/errors'
import { DEFAULT_PROGRAM, withRuleDefaults, type ProgramRules } from '../../src/domain/program'
import { diffRules } from '../../src/domain/programChanges'
import { _ } from '../_lib/cloud'
import type { ProgramVersionDoc, SettingsProgramDoc } from '../_lib/collections'
import { data, tx } from '../_lib/data'
import { loadOperatorById } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'

const versionId = (version: number) => `v${String(version).padStart(6, '0')}`

const operatorName = async (operatorId: string): Promise<string> => (await loadOperatorById(operatorId))?.name ?? operatorId

const loadTemplates = async (): Promise<ProgramView['templates']> =>
  (await data.couponTemplates.all().limit(100).get()).map((t) => ({ id: t._id, title: t.title }))

const programView = async (settings: SettingsProgramDoc | null): Promise<ProgramView> => ({
  rules: settings ? withRuleDefaults(settings.rules) : DEFAULT_PROGRAM,
  updatedAt: settings?.updatedAt ?? null,
  updatedBy: settings ? await operatorName(settings.updatedBy) : null,
  templates: await loadTemplates(),
})

const versionView = async (doc: ProgramVersionDoc): Promise<ProgramVersionView> => ({
  version: doc.version,
  at: doc.at,
  by: await operatorName(doc.by),
  note: doc.note,
  changes: doc.changes,
})

export const program = operatorAction(EmptySchema, async () => programView(await data.settings.get('program')))

/** Every coupon template the rules name must exist, or the welcome/birthday/referral gift would silently fail. */
const missingTemplates = (rules: Pick<ProgramRules, 'coupons' | 'referral'>, known: Set<string>): FieldError[] =>
  (
    [
      ['coupons.welcomeTemplateId', rules.coupons.welcomeTemplateId],
      ['coupons.birthdayTemplateId', rules.coupons.birthdayTemplateId],
      ['referral.inviteeCouponTemplateId', rules.referral.inviteeCouponTemplateId],
    ] as const
  )
    .filter(([, id]) => id !== null && !known.has(id))
    .map(([field, id]) => ({ field, message: `券模板 ${id} 不存在` }))

/**
 * Saves the operator's edit as the next version. Refused when someone saved since the editor loaded its
 * version (VERSION_CONFLICT: nobody overwrites a colleague's change unseen); a retried request answers with
 * the version it saved. Functions read the new rules on their next write (see loadProgram).
 */
export const updateProgram = operatorAction('rules', UpdateProgramSchema, async (input, ctx) => {
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`
  const findSaved = async () => data.programVersions.where({ requestKey }).first()
  const earlier = await findSaved()
  if (earlier)
    return {
      program: await programView(await data.settings.get('program')),
      version: await versionView(earlier),
      replayed: true,
    }

  const missing = missingTemplates(input.rules, new Set((await loadTemplates()).map((t) => t.id)))
  if (missing.length) throw invalidInput(missing.map((f) => ({ ...f, field: `rules.${f.field}` })))

  const saved = await inTransaction(async (t) => {
    const w = tx(t)
    const settings = await w.settings.get('program')
    const current = settings ? withRuleDefaults(settings.rules) : DEFAULT_PROGRAM
    if (current.version !== input.baseVersion) {
      throw new AppError('VERSION_CONFLICT', `规则已被他人更新为第 ${current.version} 版，请刷新后重新修改`, {
        currentVersion: current.version,
      })
    }
    // An editor that predates the service benefits list sends none: the list stays as it is.
    const rules: ProgramRules = {
      ...input.rules,
      serviceBenefits: input.rules.serviceBenefits ?? current.serviceBenefits,
      version: current.version + 1,
    }
    const changes = diffRules(current, rules)
    if (changes.length === 0) throw invalidInput([{ field: 'rules', message: '规则没有任何修改' }])
    const version: ProgramVersionDoc = {
      _id: versionId(rules.version),
      version: rules.version,
      rules,
      at: ctx.now,
      by: ctx.operator.operatorId,
      note: input.note,
      changes,
      requestKey,
    }
    const next: SettingsProgramDoc = { _id: 'program', rules, updatedAt: ctx.now, updatedBy: ctx.operator.operatorId }
    await w.settings.put(next)
    await w.programVersions.add(version)
    return { settings: next, version }
  })
  return { program: await programView(saved.settings), version: await versionView(saved.version), replayed: false }
})

export const programHistory = operatorAction(ProgramHistorySchema, async ({ before }) => {
  const query = before === undefined ? {} : { version: _.lt(before) }
  const docs = await data.programVersions.where(query).orderBy('version', 'desc').limit(20).get()
  return { versions: await Promise.all(docs.map(versionView)) }
})
