import { Button, Text, View } from '@tarojs/components'
import { StatusScreen } from '../../components/StatusScreen'
import { ROUTES } from '../../routes'
import { REFERRAL_STATUS_WORDS, REFERRAL_TAB_WORDS, REFERRAL_TABS } from '../../wording/referral'
import { Choice } from '../shared/Choice'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { ReferralEntry } from './ReferralEntry'
import { useOpsReferrals, type Review } from './useOpsReferrals'
import './index.scss'
import { ConfirmActions } from '../shared/ConfirmActions'

/** What a decision does, said before it is made. */
const CONSEQUENCE: Record<Review['decision'], string> = {
  approve: '通过后按规则奖励邀请人：好友已完成首次消费的立即发放积分（计入邀请人当月奖励上限），尚未消费的待其首次消费后发放。',
  reject: '驳回后这位好友的邀请不再奖励邀请人，且不可撤销。',
}

const doneText = ({ referral, decision }: Review): string =>
  decision === 'reject'
    ? `已驳回 ${referral.invitee.name} 的邀请`
    : `已通过 ${referral.invitee.name} 的邀请，现为「${REFERRAL_STATUS_WORDS[referral.status]}」`

const OpsReferralsPage = () => {
  const page = useOpsReferrals()
  const { list, confirming } = page
  return (
    <OpsDesk title="邀请审核">
      {() => (
        <>
          <OpsNav current={ROUTES.opsReferrals} />
          {confirming ? (
            <View className="ops-page__panel">
              <Text className="ops-page__step">{confirming.decision === 'approve' ? '通过前请确认' : '驳回前请确认'}</Text>
              <View className="ops-confirm">
                <Text className="ops-confirm__title">{`${confirming.decision === 'approve' ? '通过' : '驳回'} ${confirming.referral.invitee.name} 的邀请`}</Text>
                <Text className="ops-confirm__line">{`邀请人 ${confirming.referral.inviter.name}`}</Text>
                {confirming.referral.flags.map((flag) => (
                  <Text key={flag} className="ops-confirm__line ops-confirm__flag">
                    {flag}
                  </Text>
                ))}
                <Text className="ops-confirm__line">{CONSEQUENCE[confirming.decision]}</Text>
              </View>
              <ConfirmActions
                verb="提交"
                retryIsSafe="同一邀请只会审核一次"
                confirmLabel={confirming.decision === 'approve' ? '确认通过' : '确认驳回'}
                backLabel="返回"
                error={page.error}
                flow={page}
              />
            </View>
          ) : (
            <View className="ops-page__panel">
              <Choice options={REFERRAL_TABS} on={(s) => s === page.status} words={REFERRAL_TAB_WORDS} pick={page.pick} />
              {page.reviewed && <Text className="ops-page__done">{doneText(page.reviewed)}</Text>}
              {page.error && <Text className="form-error ops-referrals__error">{page.error}</Text>}
              {list.status === 'loading' && <Text className="ops-page__empty">正在加载…</Text>}
              {list.status === 'failed' && (
                <StatusScreen mark="!" title="邀请记录暂时打不开" message={list.message}>
                  <Button className="btn btn--primary" onClick={page.retry}>
                    重新加载
                  </Button>
                </StatusScreen>
              )}
              {list.status === 'ready' &&
                (list.referrals.length === 0 ? (
                  <Text className="ops-page__empty">{`没有${REFERRAL_STATUS_WORDS[page.status]}的邀请`}</Text>
                ) : (
                  list.referrals.map((referral) => (
                    <ReferralEntry
                      key={referral.invitee.memberNo}
                      referral={referral}
                      onApprove={() => page.approve(referral)}
                      onReject={() => page.reject(referral)}
                    />
                  ))
                ))}
              {list.status === 'ready' && list.referrals.length >= 100 && <Text className="ops-page__more">只显示最近 100 条</Text>}
            </View>
          )}
        </>
      )}
    </OpsDesk>
  )
}

export default OpsReferralsPage
