import { Button, Input, Text, View } from '@tarojs/components'
import { PRIVACY_NOTICE_SUMMARY, PRIVACY_NOTICE_VERSION, PRIVACY_POLICY } from '../../api/privacy'
import { DELETE_CONFIRM_PHRASE } from '../../domain/erasure'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { openPrivacyGuide } from '../../services/privacyAuth'
import { formatPoints } from '../../wording/points'
import { DataFileActions } from './fileLink'
import { usePrivacy } from './usePrivacy'
import './index.scss'

const PrivacyPage = () => {
  const page = usePrivacy()
  const { state, exported, deletion } = page
  if (state.status === 'deleted') {
    return (
      <View className="privacy-page">
        <StatusScreen
          mark="✓"
          title="会员已注销"
          message={`您的姓名、手机号、生日等个人信息已删除${state.pointsForfeited > 0 ? `，${formatPoints(state.pointsForfeited)} 积分已作废` : ''}。感谢您的陪伴，欢迎随时重新加入。`}
        >
          <Button className="btn btn--secondary" onClick={page.rejoin}>
            重新加入会员
          </Button>
        </StatusScreen>
        <LocalIdentitySwitcher />
      </View>
    )
  }
  return (
    <View className="privacy-page">
      <View className="privacy-page__panel">
        <Text className="privacy-page__title">隐私政策</Text>
        <Text className="privacy-page__text">{PRIVACY_NOTICE_SUMMARY}</Text>
        <Text className="privacy-page__link" onClick={page.togglePolicy}>
          {page.policyOpen ? '收起隐私政策' : '查看隐私政策 ›'}
        </Text>
        {page.policyOpen && (
          <View className="privacy-policy">
            {PRIVACY_POLICY.map((section) => (
              <View key={section.title} className="privacy-policy__section">
                <Text className="privacy-policy__title">{section.title}</Text>
                <Text className="privacy-policy__text">{section.text}</Text>
              </View>
            ))}
            <Text className="privacy-policy__version">{`版本 ${PRIVACY_NOTICE_VERSION}`}</Text>
          </View>
        )}
        {openPrivacyGuide && (
          <Text className="privacy-page__link" onClick={openPrivacyGuide}>
            《用户隐私保护指引》 ›
          </Text>
        )}
      </View>

      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="暂时无法加载您的会员信息" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && state.member === null && (
        <View className="privacy-page__panel">
          <Text className="privacy-page__title">我的数据</Text>
          <Text className="privacy-page__text">您还不是会员，我们没有保存您的个人信息。</Text>
        </View>
      )}
      {state.status === 'ready' && state.member !== null && (
        <>
          <View className="privacy-page__panel">
            <Text className="privacy-page__title">导出我的数据</Text>
            <Text className="privacy-page__text">
              生成一份数据文件，包含我们保存的与您有关的全部信息：会员资料、积分明细、消费与退款、优惠券、活动报名、邀请记录和导购回访记录。下载链接
              1 小时内有效。
            </Text>
            <Button
              className={`btn btn--secondary privacy-page__action${exported.status === 'working' ? ' btn--disabled' : ''}`}
              disabled={exported.status === 'working'}
              onClick={() => void page.exportMyData()}
            >
              {exported.status === 'working' ? '正在生成…' : '导出我的数据'}
            </Button>
            {exported.status === 'failed' && <Text className="form-error">{exported.message}</Text>}
            {exported.status === 'done' && (
              <View className="privacy-page__file">
                <Text className="privacy-page__file-line">{`文件已生成：共 ${Object.values(exported.file.counts).reduce((a, b) => a + b, 0)} 条记录`}</Text>
                <DataFileActions url={exported.file.url} />
              </View>
            )}
          </View>

          <View className="privacy-page__panel privacy-page__panel--danger">
            <Text className="privacy-page__title">注销会员</Text>
            <Text className="privacy-page__text">注销后不可恢复，您将立即失去：</Text>
            <View className="privacy-loss">
              {state.member.lines.map((line) => (
                <Text key={line} className="privacy-loss__line">
                  {line}
                </Text>
              ))}
            </View>
            <Text className="privacy-page__text">
              您的姓名、手机号、生日、导购记录等个人信息将被删除；消费与积分流水将以匿名方式保留，仅用于品牌财务对账。
            </Text>
            <Field label={`请输入「${DELETE_CONFIRM_PHRASE}」`} error={deletion.status === 'failed' ? deletion.message : null}>
              <Input
                className="field__input"
                placeholderClass="field__placeholder"
                placeholder={DELETE_CONFIRM_PHRASE}
                maxlength={10}
                value={page.phrase}
                onInput={(e) => page.setPhrase(e.detail.value)}
              />
            </Field>
            <Button
              className={`btn privacy-page__delete${page.confirmed && deletion.status !== 'working' ? '' : ' btn--disabled'}`}
              disabled={!page.confirmed || deletion.status === 'working'}
              onClick={() => void page.deleteMembership()}
            >
              {deletion.status === 'working' ? '正在注销…' : '注销会员'}
            </Button>
          </View>
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default PrivacyPage
