import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { MemberConfirm } from '../../components/MemberConfirm'
import { ROUTES } from '../../routes'
import type { MoreState } from '../../services/paging'
import { formatPoints, signedPoints } from '../../wording/points'
import { AuditEntryRow } from './AuditEntryRow'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { useMemberAudit } from './useMemberAudit'
import './index.scss'
import { ConfirmActions } from '../shared/ConfirmActions'

const MoreFooter = ({ more, onMore }: { more: MoreState; onMore: () => void }) => {
  switch (more.status) {
    case 'idle':
      return (
        <Text className="ops-page__more ops-page__more--action" onClick={onMore}>
          加载更多
        </Text>
      )
    case 'loading':
      return <Text className="ops-page__more">正在加载…</Text>
    case 'failed':
      return (
        <Text className="ops-page__more ops-page__more--action" onClick={onMore}>
          {`${more.message}，点此重试`}
        </Text>
      )
    case 'end':
      return <Text className="ops-page__more">以上为全部记录</Text>
  }
}

const OpsMemberPage = () => {
  const page = useMemberAudit()
  const { code, audit, adjust } = page
  return (
    <OpsDesk title="会员积分审计">
      {() => (
        <>
          <OpsNav current={ROUTES.opsMember} />

          {!audit ? (
            <View className="ops-page__panel">
              <Field label="会员码" error={code.error} hint="输入会员卡上的 11 位会员号">
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="11 位会员号"
                  type="number"
                  value={code.text}
                  onInput={(e) => code.change(e.detail.value)}
                  onConfirm={code.search}
                />
              </Field>
              <Button className="btn btn--primary ops-page__action" onClick={code.search}>
                {code.searching ? '查询中…' : '查询会员'}
              </Button>
            </View>
          ) : (
            <>
              <View className="ops-page__panel">
                <MemberConfirm member={audit.member} onChange={page.changeMember} stressPoints />
              </View>

              <View className="ops-page__panel">
                <Text className="ops-page__step">手工调整积分</Text>
                {adjust.done && (
                  <Text className="ops-page__done">
                    {`已调整 ${signedPoints(adjust.done.adjustment.points)} 分${adjust.done.replayed ? '（重复提交，未再次调整）' : ''}，当前积分 ${formatPoints(adjust.done.member.pointsBalance)}`}
                  </Text>
                )}
                {adjust.confirming ? (
                  <>
                    <View className="ops-confirm">
                      <Text className="ops-confirm__points">{`${signedPoints(adjust.confirming.points)} 分`}</Text>
                      <Text className="ops-confirm__line">{`原因：${adjust.confirming.reason}`}</Text>
                      <Text className="ops-confirm__line">
                        {`调整后积分 ${formatPoints(audit.member.pointsBalance + adjust.confirming.points)}；调整记入流水，不可删除`}
                      </Text>
                    </View>
                    <ConfirmActions verb="调整" retryIsSafe="同一笔调整不会重复记入" error={adjust.errors.form} flow={adjust} />
                  </>
                ) : (
                  <>
                    <View className="ops-direction">
                      {(['add', 'deduct'] as const).map((d) => (
                        <Text
                          key={d}
                          className={`ops-direction__option${adjust.direction === d ? ' ops-direction__option--on' : ''}`}
                          onClick={() => adjust.setDirection(d)}
                        >
                          {d === 'add' ? '增加积分' : '扣减积分'}
                        </Text>
                      ))}
                    </View>
                    <Field label="积分" error={adjust.errors.points}>
                      <Input
                        className="field__input"
                        placeholderClass="field__placeholder"
                        placeholder="0"
                        type="number"
                        value={adjust.pointsText}
                        onInput={(e) => adjust.changePoints(e.detail.value)}
                      />
                    </Field>
                    <Field label="调整原因" error={adjust.errors.reason} hint="至少 4 个字，将记入积分流水">
                      <Input
                        className="field__input"
                        placeholderClass="field__placeholder"
                        placeholder="例如 系统故障补录积分"
                        maxlength={100}
                        value={adjust.reasonText}
                        onInput={(e) => adjust.changeReason(e.detail.value)}
                      />
                    </Field>
                    {adjust.errors.form && <Text className="form-error">{adjust.errors.form}</Text>}
                    <Button className="btn btn--primary ops-page__action" onClick={adjust.review}>
                      调整
                    </Button>
                  </>
                )}
              </View>

              <View className="ops-page__panel">
                <Text className="ops-page__step">积分流水</Text>
                {audit.entries.length === 0 ? (
                  <Text className="ops-page__empty">暂无积分记录</Text>
                ) : (
                  audit.entries.map((entry) => <AuditEntryRow key={entry.id} entry={entry} />)
                )}
                {audit.entries.length > 0 && <MoreFooter more={audit.more} onMore={page.loadMore} />}
              </View>
            </>
          )}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsMemberPage
