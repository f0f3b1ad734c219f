/**
 * The program rules editor's server side: the live rules, saving a new version (validated, one at a time,
 * going forward only) and the history of who changed what, when and why.
 */
import type { ProgramView, ProgramVersionView } from '../../src/api/contract'
import { ProgramHistorySchema, UpdateProgramSchema } from '../../src/api/programSchema'
import { EmptySchema } from '../../src/api/schemas'
import type { CouponTemplate } from '../../src/domain/coupons'
import { AppError, invalidInput, type FieldError } from '../../src/domain/errors'
import { DEFAULT_PROGRAM, withRuleDefaults, type ProgramRules } from '../../src/domain/program'
import { diffRules } from '../../src/domain/programChanges'
import { _, db } from '../_lib/cloud'
import { COLLECTIONS, type ProgramVersionDoc, type SettingsProgramDoc } from '../_lib/collections'
import { readDoc, readMany } from '../_lib/docs'
import { loadOperatorById } from '../_lib/reference'
import { operatorAction } from '../_lib/runtime'
import { inTransaction } from '../_lib/transaction'
import { withoutId } from '../_lib/views'

const versionId = (version: number) => `v${String(version).padStart(6, '0')}`

const operatorName = async (operatorId: string): Promise<string> => (await loadOperatorById(operatorId))?.name ?? operatorId

const loadTemplates = async (): Promise<ProgramView['templates']> =>
  (await readMany<CouponTemplate>(db.collection(COLLECTIONS.couponTemplates).limit(100))).map((t) => ({ id: t._id, title: t.title }))

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

const settingsRef = () => db.collection(COLLECTIONS.settings).doc('program')

export const program = operatorAction(EmptySchema, async () => programView(await readDoc<SettingsProgramDoc>(settingsRef())))

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
export const updateProgram = operatorAction(UpdateProgramSchema, async (input, ctx) => {
  const requestKey = `${ctx.operator.operatorId}:${input.requestId}`
  const findSaved = async () =>
    (await readMany<ProgramVersionDoc>(db.collection(COLLECTIONS.programVersions).where({ requestKey }).limit(1)))[0]
  const earlier = await findSaved()
  if (earlier)
    return {
      program: await programView(await readDoc<SettingsProgramDoc>(settingsRef())),
      version: await versionView(earlier),
      replayed: true,
    }

  const missing = missingTemplates(input.rules, new Set((await loadTemplates()).map((t) => t.id)))
  if (missing.length) throw invalidInput(missing.map((f) => ({ ...f, field: `rules.${f.field}` })))

  const saved = await inTransaction(async (t) => {
    const settings = await readDoc<SettingsProgramDoc>(t.collection(COLLECTIONS.settings).doc('program'))
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
    await t
      .collection(COLLECTIONS.settings)
      .doc('program')
      .set({ data: withoutId(next) })
    await t.collection(COLLECTIONS.programVersions).add({ data: version })
    return { settings: next, version }
  })
  return { program: await programView(saved.settings), version: await versionView(saved.version), replayed: false }
})

export const programHistory = operatorAction(ProgramHistorySchema, async ({ before }) => {
  const query = before === undefined ? {} : { version: _.lt(before) }
  const docs = await readMany<ProgramVersionDoc>(
    db.collection(COLLECTIONS.programVersions).where(query).orderBy('version', 'desc').limit(20),
  )
  return { versions: await Promise.all(docs.map(versionView)) }
})
