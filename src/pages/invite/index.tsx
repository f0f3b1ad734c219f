import { Fragment } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { BRAND_WORDMARK } from '../../brand'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { invitationWords, inviteRewardLine, inviteRuleLines, inviteStatsLine } from '../../wording/referral'
import { POSTER_CODE_HINT, POSTER_CODE_SUBHINT, POSTER_FOOTER } from './poster'
import { PosterCanvas, SAVE_POSTER_LABEL } from './posterExport'
import { ShareButton } from './shareInvite'
import { invitationPath, useInvite } from './useInvite'
import './index.scss'

const InvitePage = () => {
  const page = useInvite()
  const { state } = page
  return (
    <View className="invite-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在打开邀请" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="邀请页暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <View className="invite-page__hero">
            <Text className="invite-page__title">邀请好友加入会员</Text>
            <Text className="invite-page__reward">{inviteRewardLine(state.invite.rules)}</Text>
            <View className="invite-page__code">
              <Text className="invite-page__code-label">我的邀请码</Text>
              <Text className="invite-page__code-value">{state.invite.code}</Text>
            </View>
          </View>

          <View className="invite-page__panel">
            <Text className="invite-page__step">邀请进度</Text>
            <View className="invite-page__stats">
              {/* Each count stays on one line; a narrow phone breaks between them. */}
              {inviteStatsLine(state.invite.stats)
                .split(' · ')
                .map((part, i) => (
                  <Fragment key={part}>
                    {i > 0 && <Text>{' · '}</Text>}
                    <Text className="invite-page__stat">{part}</Text>
                  </Fragment>
                ))}
            </View>
          </View>

          <ShareButton path={invitationPath(state.invite.sharePath, state.inviterName)} />

          <View className="invite-page__panel">
            <Text className="invite-page__step">邀请海报</Text>
            <InvitePoster page={page} />
            <Button
              className={`btn btn--secondary invite-page__save${page.saving ? ' btn--disabled' : ''}`}
              disabled={page.saving}
              onClick={page.save}
            >
              {page.saving ? '正在生成海报…' : SAVE_POSTER_LABEL}
            </Button>
            {page.saved && (
              <Text className={`invite-page__saved${page.saved.ok ? '' : ' invite-page__saved--failed'}`}>{page.saved.message}</Text>
            )}
          </View>

          <View className="invite-page__panel">
            <Text className="invite-page__step">活动规则</Text>
            {inviteRuleLines(state.invite.rules).map((line, i) => (
              <View key={line} className="invite-page__rule">
                <Text className="invite-page__rule-no">{i + 1}</Text>
                <Text className="invite-page__rule-text">{line}</Text>
              </View>
            ))}
          </View>
          <PosterCanvas />
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

/** The poster as the saved image will look (./poster paints the same words in the same places). */
const InvitePoster = ({ page }: { page: ReturnType<typeof useInvite> }) => {
  if (page.state.status !== 'ready') return null
  const words = invitationWords(page.state.inviterName, page.state.invite.rules)
  return (
    <View className="invite-poster">
      <Text className="invite-poster__brand">{BRAND_WORDMARK}</Text>
      <View className="invite-poster__rule" />
      <Text className="invite-poster__headline">{words.headline}</Text>
      <Text className="invite-poster__subline">{words.subline}</Text>
      <View className="invite-poster__panel">
        <Image className="invite-poster__code" src={page.state.invite.posterImage} mode="aspectFit" />
        <Text className="invite-poster__hint">{POSTER_CODE_HINT}</Text>
        <Text className="invite-poster__subhint">{POSTER_CODE_SUBHINT}</Text>
      </View>
      <Text className="invite-poster__footer">{POSTER_FOOTER}</Text>
    </View>
  )
}

export default InvitePage
