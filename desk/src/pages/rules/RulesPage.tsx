/**
 * 规则: every rule of the program at PC size, grouped as the handbook reads, with what each does; saving lists what
 * will change in words (the effect), asks why, and keeps a dated version. The phone's rules editor's form logic is
 * shared (src/ops/program/programForm.ts): the same conversions, the same checks, the same messages.
 */
import { useCallback, useEffect, useState } from 'react'
import { Button, Card, Checkbox, Dialog, Input, Loading, MessagePlugin, Select, Switch, Tabs, Textarea } from 'tdesign-react'
import type { ProgramVersionView, ProgramView } from '../../../../src/api/contract'
import { TIER_NAMES, TIER_ORDER } from '../../../../src/domain/program'
import type { RuleChange } from '../../../../src/domain/programChanges'
import {
  checkProgram,
  draftFrom,
  errorsByRule,
  KEEP_GOLD_PATH,
  NUMBER_PATHS,
  TEMPLATE_PATHS,
  templateChoices,
  type ProgramDraft,
  type ProgramErrors,
} from '../../../../src/ops/program/programForm'
import {
  changeText,
  liveRuleHint,
  RULE_AFFIXES,
  RULE_GROUP_LABELS,
  RULE_HINTS,
  RULE_WORDS,
  ruleLabel,
} from '../../../../src/wording/program'
import { call, DeskError } from '../../cloud'
import { deskTime } from '../../wording'

/** The handbook's order: how one becomes VIP and gold, what points earn and when they lapse, then the rest. */
const GROUPS: { key: string; title: string }[] = [
  { key: 'vip', title: RULE_GROUP_LABELS.vip },
  { key: 'gold', title: RULE_GROUP_LABELS.gold },
  { key: 'earning', title: RULE_GROUP_LABELS.earning },
  { key: 'expiry', title: '积分有效期' },
  { key: 'coupons', title: RULE_GROUP_LABELS.coupons },
  { key: 'referral', title: RULE_GROUP_LABELS.referral },
  { key: 'workbench', title: RULE_GROUP_LABELS.workbench },
  { key: 'segments', title: RULE_GROUP_LABELS.segments },
]
const inGroup = (key: string) => (path: string) => path.split('.')[0] === key

const RuleInput = ({
  path,
  draft,
  errors,
  onChange,
}: {
  path: string
  draft: ProgramDraft
  errors: ProgramErrors
  onChange: (text: string) => void
}) => {
  const { unit } = RULE_WORDS[path]
  const [before, after] = RULE_AFFIXES[unit] ?? ['', '']
  const text = draft.numbers[path] ?? ''
  const hint = errors[path] ?? liveRuleHint(unit, text) ?? RULE_HINTS[path]
  return (
    <label className={`rule${errors[path] ? ' rule--invalid' : ''}`}>
      <span className="rule__label">{ruleLabel(path)}</span>
      <Input
        value={text}
        onChange={(v) => onChange(String(v))}
        label={before || undefined}
        suffix={after || undefined}
        status={errors[path] ? 'error' : undefined}
      />
      {hint && <span className="rule__hint">{hint}</span>}
    </label>
  )
}

const History = ({ versions, templates }: { versions: ProgramVersionView[]; templates: ProgramView['templates'] }) => (
  <div className="history">
    {versions.length === 0 && <p className="page__lead">规则还没有被修改过，当前为默认规则。</p>}
    {versions.map((v) => (
      <Card key={v.version} className="history__version" bordered>
        <p className="history__head">{`第 ${v.version} 版 · ${deskTime(v.at)} · ${v.by}`}</p>
        <p className="history__note">{`原因：${v.note}`}</p>
        <ul>
          {v.changes.map((c, i) => (
            <li key={i}>{changeText(c, templates)}</li>
          ))}
        </ul>
      </Card>
    ))}
  </div>
)

export default function RulesPage() {
  const [view, setView] = useState<ProgramView | null>(null)
  const [draft, setDraft] = useState<ProgramDraft | null>(null)
  const [errors, setErrors] = useState<ProgramErrors>({})
  const [confirming, setConfirming] = useState<{ input: ReturnType<typeof checkProgram> & { ok: true }; changes: RuleChange[] } | null>(
    null,
  )
  const [requestId, setRequestId] = useState(() => crypto.randomUUID())
  const [saving, setSaving] = useState(false)
  const [versions, setVersions] = useState<ProgramVersionView[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      const [program, history] = await Promise.all([call('ops', 'program', {}), call('ops', 'programHistory', {})])
      setView(program)
      setDraft(draftFrom(program.rules))
      setVersions(history.versions)
      setLoadError(null)
    } catch (e) {
      setLoadError(e instanceof DeskError ? e.message : '加载失败，请重试')
    }
  }, [])
  useEffect(() => void load(), [load])

  if (loadError)
    return (
      <section className="page">
        <p className="page__error">{loadError}</p>
      </section>
    )
  if (!view || !draft) return <Loading className="shell__loading" text="正在加载规则…" />

  const setNumber = (path: string, text: string) => {
    setDraft({ ...draft, numbers: { ...draft.numbers, [path]: text } })
    // The rule's message goes as it is edited; the next preview judges again.
    if (errors[path]) setErrors(Object.fromEntries(Object.entries(errors).filter(([key]) => key !== path)))
  }
  const review = () => {
    const checked = checkProgram(draft, view.rules)
    if (!checked.ok) {
      setErrors(checked.errors)
      void MessagePlugin.warning(checked.errors.form ?? '有规则需要修改，请查看标红的项')
      return
    }
    setErrors({})
    setConfirming({ input: checked, changes: checked.changes })
  }
  const save = async () => {
    if (!confirming) return
    setSaving(true)
    try {
      const { version } = await call('ops', 'updateProgram', { ...confirming.input.input, requestId })
      void MessagePlugin.success(`已保存为第 ${version.version} 版`)
      setConfirming(null)
      setRequestId(crypto.randomUUID())
      await load()
    } catch (e) {
      setConfirming(null)
      if (e instanceof DeskError && e.code === 'INVALID_INPUT') setErrors(errorsByRule(e.fields))
      else void MessagePlugin.error(e instanceof DeskError ? e.message : '保存失败，请重试')
      if (e instanceof DeskError && e.code === 'VERSION_CONFLICT') await load()
    } finally {
      setSaving(false)
    }
  }

  const templates = templateChoices(view.templates)
  return (
    <section className="page rules">
      <div className="page__head">
        <div>
          <h2 className="page__title">规则</h2>
          <p className="page__lead">
            {view.updatedBy
              ? `当前为第 ${view.rules.version} 版，${view.updatedBy} 于 ${deskTime(view.updatedAt!)} 保存`
              : '当前为默认规则'}
          </p>
        </div>
      </div>
      <Tabs defaultValue="edit">
        <Tabs.TabPanel value="edit" label="编辑规则">
          <div className="tab-body">
            {GROUPS.map((g) => (
              <Card key={g.key} title={g.title} className="rules__group" bordered>
                <div className="rules__grid">
                  {NUMBER_PATHS.filter(inGroup(g.key)).map((path) => (
                    <RuleInput key={path} path={path} draft={draft} errors={errors} onChange={(t) => setNumber(path, t)} />
                  ))}
                  {TEMPLATE_PATHS.filter(inGroup(g.key)).map((path) => (
                    <label key={path} className="rule">
                      <span className="rule__label">{ruleLabel(path)}</span>
                      <Select
                        value={draft.templates[path] ?? ''}
                        options={templates.map((t) => ({ value: t.id ?? '', label: t.title }))}
                        onChange={(v) => setDraft({ ...draft, templates: { ...draft.templates, [path]: (v as string) || null } })}
                      />
                      {errors[path] && <span className="rule__hint">{errors[path]}</span>}
                    </label>
                  ))}
                  {inGroup(g.key)(KEEP_GOLD_PATH) && (
                    <label className="rule">
                      <span className="rule__label">{ruleLabel(KEEP_GOLD_PATH)}</span>
                      <Switch
                        value={draft.keepGold}
                        onChange={(v) => setDraft({ ...draft, keepGold: Boolean(v) })}
                        label={['保留', '取消']}
                      />
                      <span className="rule__hint">退货后累计消费低于门槛时，已获得的金卡是否保留</span>
                    </label>
                  )}
                </div>
                {Object.entries(errors)
                  .filter(([key]) => key !== KEEP_GOLD_PATH && inGroup(g.key)(key) && !RULE_WORDS[key])
                  .map(([key, message]) => (
                    <p key={key} className="page__error">{`${ruleLabel(key)}：${message}`}</p>
                  ))}
              </Card>
            ))}
            <Card title={RULE_GROUP_LABELS.serviceBenefits} className="rules__group" bordered>
              {draft.benefits.map((b, i) => (
                <div key={i} className="benefit">
                  <Input
                    value={b.title}
                    placeholder="权益名称，例如 免费修改"
                    onChange={(v) =>
                      setDraft({ ...draft, benefits: draft.benefits.map((x, j) => (j === i ? { ...x, title: String(v) } : x)) })
                    }
                  />
                  <Input
                    value={b.detail}
                    placeholder="说明，可不填"
                    onChange={(v) =>
                      setDraft({ ...draft, benefits: draft.benefits.map((x, j) => (j === i ? { ...x, detail: String(v) } : x)) })
                    }
                  />
                  <Checkbox.Group
                    value={b.tiers}
                    options={TIER_ORDER.map((t) => ({ value: t, label: TIER_NAMES[t] }))}
                    onChange={(v) => setDraft({ ...draft, benefits: draft.benefits.map((x, j) => (j === i ? { ...x, tiers: v } : x)) })}
                  />
                  <Button
                    variant="text"
                    theme="danger"
                    onClick={() => setDraft({ ...draft, benefits: draft.benefits.filter((_, j) => j !== i) })}
                  >
                    删除
                  </Button>
                </div>
              ))}
              {errors.serviceBenefits && <p className="page__error">{errors.serviceBenefits}</p>}
              {draft.benefits.length < 12 && (
                <Button
                  variant="outline"
                  onClick={() => setDraft({ ...draft, benefits: [...draft.benefits, { title: '', detail: '', tiers: [...TIER_ORDER] }] })}
                >
                  添加权益
                </Button>
              )}
            </Card>
            <Card title="修改原因" className="rules__group" bordered>
              <Textarea
                value={draft.note}
                onChange={(v) => setDraft({ ...draft, note: String(v) })}
                placeholder="例如：年度规则调整，经品牌负责人批准"
                maxlength={200}
              />
              {errors.note && <p className="page__error">{errors.note}</p>}
              {errors.form && <p className="page__error">{errors.form}</p>}
              <div className="rules__actions">
                <Button
                  variant="outline"
                  onClick={() => {
                    setDraft(draftFrom(view.rules))
                    setErrors({})
                  }}
                >
                  放弃修改
                </Button>
                <Button theme="primary" onClick={review}>
                  预览并保存
                </Button>
              </div>
            </Card>
          </div>
        </Tabs.TabPanel>
        <Tabs.TabPanel value="history" label={`历史版本（${versions.length}）`}>
          <div className="tab-body">
            <History versions={versions} templates={view.templates} />
          </div>
        </Tabs.TabPanel>
      </Tabs>
      {confirming && (
        <Dialog
          visible
          width={640}
          header="确认修改以下规则"
          confirmBtn={{ content: '确认保存', loading: saving }}
          onConfirm={() => void save()}
          onClose={() => setConfirming(null)}
        >
          <ul className="changes">
            {confirming.changes.map((c, i) => (
              <li key={i}>{changeText(c, view.templates)}</li>
            ))}
          </ul>
          <p className="dialog__note">{`原因：${draft.note}`}</p>
          <p className="dialog__note">保存后立即生效，并记为新的版本；已发生的消费和积分不受影响。</p>
        </Dialog>
      )}
    </section>
  )
}
