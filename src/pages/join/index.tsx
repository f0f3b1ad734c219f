import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MINOR_NOTICE, PRIVACY_NOTICE_SUMMARY } from '../../api/privacy'
import { BRAND_WORDMARK } from '../../brand'
import { BirthdayPicker } from '../../components/BirthdayPicker'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StaffEntryLink } from '../../components/StaffEntryLink'
import { StatusScreen } from '../../components/StatusScreen'
import { invitedLine } from '../../wording/referral'
import { ROUTES } from '../../routes'
import { useJoinForm } from './useJoinForm'
import './index.scss'

/**
 * Said to everyone, before joining: a member who changed WeChat and joins again gets a new card, and the join
 * cannot tell them (it says nothing about whose a number is), so the way back to their points is the store.
 */
const RETURNING_MEMBER_HINT = '曾是会员、换了微信？新注册的会员卡不带原有积分和等级，请先到店由导购核实身份'

const JoinPage = () => {
  const form = useJoinForm()
  const { draft } = form
  if (form.checkingMembership) {
    return (
      <View className="join-page">
        <StatusScreen mark="…" title="请稍候" />
        <LocalIdentitySwitcher />
      </View>
    )
  }
  return (
    <View className="join-page">
      <View className="join-page__hero">
        <Text className="join-page__brand">{BRAND_WORDMARK}</Text>
        {form.invitedBy !== null && <Text className="join-page__invited">{invitedLine(form.invitedBy)}</Text>}
        <Text className="join-page__title">加入会员</Text>
        <Text className="join-page__subtitle">消费累积分 · 满额升级VIP · 生日月专享7折</Text>
        <Text className="join-page__handbook-link" onClick={() => void Taro.navigateTo({ url: ROUTES.handbook })}>
          查看会员手册 ›
        </Text>
      </View>

      <View className="join-page__panel">
        <Field label="姓名" error={form.errorOf('name')}>
          <Input
            className="field__input"
            placeholderClass="field__placeholder"
            placeholder="请输入您的姓名"
            maxlength={20}
            value={draft.name}
            onInput={(e) => form.change('name', { name: e.detail.value })}
            onBlur={() => form.touch('name')}
          />
        </Field>
        <Field label="手机号" error={form.errorOf('mobile')} hint={RETURNING_MEMBER_HINT}>
          <Input
            className="field__input"
            placeholderClass="field__placeholder"
            placeholder="11 位手机号"
            type="number"
            maxlength={11}
            value={draft.mobile}
            onInput={(e) => form.change('mobile', { mobile: e.detail.value })}
            onBlur={() => form.touch('mobile')}
          />
        </Field>
        <Field label="生日" error={form.errorOf('birthday')} hint="生日当月可享7折礼遇；年份可不填（未满14周岁请由监护人陪同到店办理）">
          <BirthdayPicker
            currentYear={form.currentYear}
            value={{ month: draft.birthMonth, day: draft.birthDay, year: draft.birthYear }}
            onChange={({ month, day, year }) => {
              form.change('birthday', { birthMonth: month, birthDay: day, birthYear: year })
              form.touch('birthday')
            }}
          />
        </Field>
      </View>

      <View className="join-page__privacy">
        <Text className="join-page__privacy-title">个人信息保护说明</Text>
        <Text className="join-page__privacy-text">{PRIVACY_NOTICE_SUMMARY}</Text>
        <Text className="join-page__privacy-text join-page__privacy-minor">{MINOR_NOTICE}</Text>
        <Text className="join-page__privacy-link" onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
          查看完整隐私政策 ›
        </Text>
        <View className="join-page__consent" onClick={() => form.change('consent', { consent: !draft.consent })}>
          <View className={`join-page__checkbox${draft.consent ? ' join-page__checkbox--checked' : ''}`} />
          <Text>我已阅读并同意以上说明</Text>
        </View>
        {form.errorOf('consent') && <Text className="field__error">{form.errorOf('consent')}</Text>}
      </View>

      {form.formError && <Text className="form-error">{form.formError}</Text>}

      <Button
        className={`btn btn--primary join-page__submit${form.canSubmit ? '' : ' btn--disabled'}`}
        disabled={!form.canSubmit}
        onClick={() => void form.submit()}
      >
        {form.submitting ? '正在提交…' : '立即加入'}
      </Button>

      <StaffEntryLink />
      <LocalIdentitySwitcher />
    </View>
  )
}

export default JoinPage
