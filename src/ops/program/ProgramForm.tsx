import { Input, Picker, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { DECIMAL_UNITS, liveRuleHint, RULE_AFFIXES, RULE_HINTS, RULE_WORDS, ruleLabel } from '../../wording/program'
import { Choice } from '../shared/Choice'
import { TIER_ORDER, type TierId } from '../../domain/program'
import { templateChoices, type TemplatePath } from './programForm'
import type { useProgramEditor } from './useProgramEditor'

type Editor = ReturnType<typeof useProgramEditor>

/** One rule typed as a number, with its unit around it and its error beside it. */
const RuleRow = ({ editor, path }: { editor: Editor; path: string }) => {
  const { unit } = RULE_WORDS[path]
  const [before, after] = RULE_AFFIXES[unit] ?? ['', '']
  const text = editor.draft?.numbers[path] ?? ''
  return (
    <Field label={ruleLabel(path)} error={editor.errors[path]} hint={liveRuleHint(unit, text) ?? RULE_HINTS[path]}>
      {before && <Text className="rule-row__affix rule-row__affix--before">{before}</Text>}
      <Input
        className="field__input rule-row__input"
        type={DECIMAL_UNITS.includes(unit) ? 'digit' : 'number'}
        maxlength={12}
        value={text}
        onInput={(e) => editor.setNumber(path, e.detail.value)}
      />
      {after && <Text className="rule-row__affix">{after}</Text>}
    </Field>
  )
}

/** Several rules of one kind side by side (A/B/C thresholds, RFM boundaries): one label, one error line. */
const RuleGrid = ({
  editor,
  label,
  group,
  cells,
  hint,
}: {
  editor: Editor
  label: string
  group: string
  cells: { path: string; caption: string }[]
  hint?: string
}) => {
  const leafError = cells.map((c) => editor.errors[c.path] && `${ruleLabel(c.path)}：${editor.errors[c.path]}`).find(Boolean)
  const error = editor.errors[group] ?? leafError
  return (
    <View className={`field rule-grid${error ? ' field--invalid' : ''}`}>
      <Text className="field__label">{label}</Text>
      <View className="rule-grid__cells">
        {cells.map(({ path, caption }) => (
          <View key={path} className={`rule-grid__cell${editor.errors[path] ? ' rule-grid__cell--invalid' : ''}`}>
            <Text className="rule-grid__caption">{caption}</Text>
            <Input
              className="rule-grid__input"
              type={RULE_WORDS[path].unit === 'fen' ? 'digit' : 'number'}
              maxlength={12}
              value={editor.draft?.numbers[path] ?? ''}
              onInput={(e) => editor.setNumber(path, e.detail.value)}
            />
          </View>
        ))}
      </View>
      {error ? <Text className="field__error">{error}</Text> : hint && <Text className="field__hint">{hint}</Text>}
    </View>
  )
}

const GroupError = ({ editor, group }: { editor: Editor; group: string }) =>
  editor.errors[group] ? <Text className="field__error rule-group-error">{editor.errors[group]}</Text> : null

const TemplateRow = ({ editor, path }: { editor: Editor; path: TemplatePath }) => {
  const choices = templateChoices(editor.program?.templates ?? [])
  const current = editor.draft?.templates[path] ?? null
  const index = Math.max(
    0,
    choices.findIndex((c) => c.id === current),
  )
  const shown = choices.find((c) => c.id === current)?.title ?? current ?? '不发放'
  return (
    <Field label={ruleLabel(path)} error={editor.errors[path]}>
      <Picker
        className="ops-picker"
        mode="selector"
        range={choices.map((c) => c.title)}
        value={index}
        onChange={(e) => editor.setTemplate(path, choices[Number(e.detail.value)]?.id ?? null)}
      >
        <View className="ops-picker__value">
          <Text>{shown}</Text>
          <Text className="ops-picker__caret">▾</Text>
        </View>
      </Picker>
    </Field>
  )
}

/** Short tier names for the service benefits' tier switches (three on one line beside 删除). */
const TIER_SHORT: Record<TierId, string> = { member: '普通', vip: 'VIP', gold: '金卡' }

const KEEP = ['keep', 'recompute'] as const
const KEEP_WORDS = { keep: '保留金卡', recompute: '按消费重新计算' }

/** The editable rules, section by section, each rule's error at its row. */
export const ProgramForm = ({ editor }: { editor: Editor }) => {
  const { draft, errors } = editor
  if (!draft) return null
  return (
    <View className="program-form">
      <View className="ops-page__panel">
        <Text className="ops-page__step">等级与升级</Text>
        <RuleRow editor={editor} path="vip.cumulativeFen" />
        <RuleRow editor={editor} path="vip.singlePurchaseFen" />
        <RuleRow editor={editor} path="vip.renewFen" />
        <RuleRow editor={editor} path="vip.validMonths" />
        <RuleRow editor={editor} path="gold.lifetimeFen" />
        <Text className="ops-form__label">退货后消费低于金卡门槛时</Text>
        <Choice
          options={KEEP}
          words={KEEP_WORDS}
          on={(k) => (k === 'keep') === draft.keepGold}
          pick={(k) => editor.setKeepGold(k === 'keep')}
        />
        {errors['gold.keptWhenRefundsUnqualify'] && (
          <Text className="field__error rule-group-error">{errors['gold.keptWhenRefundsUnqualify']}</Text>
        )}
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">积分</Text>
        <RuleRow editor={editor} path="earning.pointsPer100YuanByTier.member" />
        <RuleRow editor={editor} path="earning.pointsPer100YuanByTier.vip" />
        <RuleRow editor={editor} path="earning.pointsPer100YuanByTier.gold" />
        <GroupError editor={editor} group="earning.pointsPer100YuanByTier" />
        <RuleRow editor={editor} path="earning.birthdayMonthPercent" />
        <RuleRow editor={editor} path="expiry.yearsAfterEarningYear" />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">券</Text>
        <TemplateRow editor={editor} path="coupons.welcomeTemplateId" />
        <TemplateRow editor={editor} path="coupons.birthdayTemplateId" />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">邀请奖励</Text>
        <RuleRow editor={editor} path="referral.minPurchaseFen" />
        <RuleRow editor={editor} path="referral.inviterPoints" />
        <TemplateRow editor={editor} path="referral.inviteeCouponTemplateId" />
        <RuleRow editor={editor} path="referral.monthlyCap" />
        <RuleRow editor={editor} path="referral.burstJoins" />
        <RuleRow editor={editor} path="referral.burstHours" />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">会员服务权益</Text>
        <Text className="field__hint">会员手册按此列出各等级享有的服务（免费修改、熨烫、礼品包装、送货、VIP专享提前购等）</Text>
        {draft.benefits.map((b, i) => (
          <View key={i} className="benefit-row">
            <View className="field__control benefit-row__control">
              <Input
                className="field__input"
                maxlength={16}
                placeholder="服务名称"
                value={b.title}
                onInput={(e) => editor.setBenefit(i, { title: e.detail.value })}
              />
            </View>
            <View className="field__control benefit-row__control">
              <Input
                className="field__input"
                maxlength={40}
                placeholder="说明（选填）"
                value={b.detail}
                onInput={(e) => editor.setBenefit(i, { detail: e.detail.value })}
              />
            </View>
            <View className="benefit-row__foot">
              <View className="benefit-row__tiers">
                <Choice
                  options={TIER_ORDER}
                  words={TIER_SHORT}
                  on={(t) => b.tiers.includes(t)}
                  pick={(t) => editor.toggleBenefitTier(i, t)}
                />
              </View>
              <Text className="benefit-row__remove" onClick={() => editor.removeBenefit(i)}>
                删除
              </Text>
            </View>
          </View>
        ))}
        {draft.benefits.length < 12 && (
          <Text className="benefit-row__add" onClick={editor.addBenefit}>
            ＋ 添加服务
          </Text>
        )}
        <GroupError editor={editor} group="serviceBenefits" />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">导购工作台</Text>
        <RuleRow editor={editor} path="workbench.lapseWarningDays" />
        <RuleRow editor={editor} path="workbench.winBackDays.0" />
        <RuleRow editor={editor} path="workbench.winBackDays.1" />
        <GroupError editor={editor} group="workbench.winBackDays" />
        <RuleRow editor={editor} path="workbench.callbackEveryDays" />
      </View>

      <View className="ops-page__panel">
        <Text className="ops-page__step">客户分类</Text>
        {(['A', 'B', 'C'] as const).map((name, i) => (
          <RuleGrid
            key={name}
            editor={editor}
            label={`${name}类客户`}
            group={`segments.classes.${i}`}
            cells={[
              { path: `segments.classes.${i}.minSpendFen`, caption: '累计消费（元）' },
              { path: `segments.classes.${i}.minVisits`, caption: '消费次数' },
            ]}
            hint={i === 2 ? '两项均达到即归入该类，从A类起依次判断；其余为D类' : undefined}
          />
        ))}
        <GroupError editor={editor} group="segments.classes" />
        <RuleGrid
          editor={editor}
          label="最近消费天数（R）"
          group="segments.rfm.recencyDays"
          cells={[0, 1, 2, 3].map((i) => ({ path: `segments.rfm.recencyDays.${i}`, caption: `${5 - i}分 ≤` }))}
          hint="距上次消费不超过该天数得对应分，更久为1分"
        />
        <RuleGrid
          editor={editor}
          label="消费次数（F）"
          group="segments.rfm.visits"
          cells={[0, 1, 2, 3].map((i) => ({ path: `segments.rfm.visits.${i}`, caption: `${i + 2}分 ≥` }))}
          hint="消费次数达到该值得对应分，不足为1分"
        />
        <RuleGrid
          editor={editor}
          label="累计消费金额（M，元）"
          group="segments.rfm.spendFen"
          cells={[0, 1, 2, 3].map((i) => ({ path: `segments.rfm.spendFen.${i}`, caption: `${i + 2}分 ≥` }))}
          hint="累计消费达到该金额得对应分，不足为1分"
        />
      </View>
    </View>
  )
}
