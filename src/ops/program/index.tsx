import { Button, Text, Textarea, View } from '@tarojs/components'
import type { ProgramVersionView, ProgramView } from '../../api/contract'
import { Field } from '../../components/Field'
import { StatusScreen } from '../../components/StatusScreen'
import { ROUTES } from '../../routes'
import { changeText } from '../../wording/program'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { ProgramForm } from './ProgramForm'
import { useProgramEditor, type History } from './useProgramEditor'
import './index.scss'
import { ConfirmActions } from '../shared/ConfirmActions'
import { dateText } from '../../wording/dates'

/** "2026-11-23 16:30", business time. */
const when = (at: string) => dateText(at, 'pastTime')

const VersionEntry = ({ version, templates }: { version: ProgramVersionView; templates: ProgramView['templates'] }) => (
  <View className="program-version">
    <View className="program-version__top">
      <Text className="program-version__no">{`第 ${version.version} 版`}</Text>
      <Text className="program-version__who">{`${version.by} · ${when(version.at)}`}</Text>
    </View>
    <Text className="program-version__note">{`原因：${version.note}`}</Text>
    {version.changes.map((change) => (
      <Text key={change.path} className="program-version__change">
        {changeText(change, templates)}
      </Text>
    ))}
  </View>
)

const HistoryFooter = ({ history, onMore }: { history: History; onMore: () => void }) => {
  switch (history.more.status) {
    case 'idle':
      return (
        <Text className="ops-page__more ops-page__more--action" onClick={onMore}>
          查看更早的修改
        </Text>
      )
    case 'loading':
      return <Text className="ops-page__more">正在加载…</Text>
    case 'failed':
      return (
        <Text className="ops-page__more ops-page__more--action" onClick={onMore}>
          {`${history.more.message}，点此重试`}
        </Text>
      )
    case 'end':
      return history.versions.length ? <Text className="ops-page__more">以上为全部修改记录</Text> : null
  }
}

/** The program rules: edit with a reason, confirm what changes in words, and the record of every change. */
const OpsProgramPage = () => {
  const editor = useProgramEditor()
  const { loaded, program, draft, confirming, saved, history } = editor
  return (
    <OpsDesk title="会员规则">
      {() => (
        <>
          <OpsNav current={ROUTES.opsProgram} />
          {loaded.status === 'loading' && <StatusScreen mark="…" title="正在加载会员规则" />}
          {loaded.status === 'failed' && (
            <StatusScreen mark="!" title="会员规则暂时打不开" message={loaded.message}>
              <Button className="btn btn--primary" onClick={editor.retry}>
                重新加载
              </Button>
            </StatusScreen>
          )}
          {program && draft && (
            <>
              <View className="ops-page__panel program-head">
                <Text className="program-head__version">{`当前规则 · 第 ${program.rules.version} 版`}</Text>
                <Text className="program-head__by">
                  {/* Version 1 is the brand's defaults, however they were put in place (the demo seed, an install). */}
                  {program.rules.version > 1 && program.updatedAt
                    ? `${program.updatedBy ?? '运营'} 于 ${when(program.updatedAt)} 修改`
                    : '品牌默认规则，尚未修改'}
                </Text>
                {saved && (
                  <Text className="ops-page__done program-head__saved">
                    {`已生效（第${saved.version}版），仅对之后的消费生效${saved.replayed ? '（重复提交，未再次保存）' : ''}`}
                  </Text>
                )}
                {editor.conflict && <Text className="form-error program-head__conflict">{editor.conflict}</Text>}
              </View>

              {confirming ? (
                <View className="ops-page__panel">
                  <Text className="ops-page__step">确认修改</Text>
                  <View className="ops-confirm">
                    <Text className="ops-confirm__title">{`将修改 ${confirming.changes.length} 项规则`}</Text>
                    <View className="program-changes">
                      {confirming.changes.map((change) => (
                        <Text key={change.path} className="program-changes__line">
                          {changeText(change, program.templates)}
                        </Text>
                      ))}
                    </View>
                    <Text className="ops-confirm__line">{`修改原因：${confirming.input.note}`}</Text>
                    <Text className="ops-confirm__line">{`保存为第 ${program.rules.version + 1} 版，立即生效；只影响之后的消费，已有的等级和积分不变。`}</Text>
                  </View>
                  <ConfirmActions verb="保存" retryIsSafe="同一次修改不会重复保存" error={editor.errors.form} flow={editor} />
                </View>
              ) : (
                <>
                  <ProgramForm editor={editor} />
                  <View className="ops-page__panel">
                    <Text className="ops-page__step">保存修改</Text>
                    <Field label="修改原因" error={editor.errors.note} hint="必填，会记入修改记录，例如“旗舰店升级：VIP门槛提高到3000元”">
                      <Textarea
                        className="ops-textarea program-note"
                        placeholderClass="field__placeholder"
                        placeholder="为什么修改这些规则"
                        maxlength={200}
                        value={draft.note}
                        onInput={(e) => editor.setNote(e.detail.value)}
                      />
                    </Field>
                    {editor.errors.form && <Text className="form-error">{editor.errors.form}</Text>}
                    <Button className="btn btn--primary ops-page__action" onClick={editor.review}>
                      检查修改
                    </Button>
                  </View>
                </>
              )}

              <View className="ops-page__panel">
                <Text className="ops-page__step">修改记录</Text>
                {history.versions.length === 0 && history.more.status === 'end' && <Text className="ops-page__empty">还没有修改记录</Text>}
                {history.versions.map((version) => (
                  <VersionEntry key={version.version} version={version} templates={program.templates} />
                ))}
                <HistoryFooter history={history} onMore={editor.moreHistory} />
              </View>
            </>
          )}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsProgramPage
