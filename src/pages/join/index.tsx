import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MINOR_NOTICE, PRIVACY_NOTICE_SUMMARY } from '../../api/privacy'
import { BRAND_WORDMARK } from '../../brand'
import { BirthdayPicker } from '../../components/BirthdayPicker'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { ensurePrivacyAuthorized } from '../../services/privacyAuth'
import { invitedLine } from '../../wording/referral'
import { ROUTES } from '../../routes'
import { useJoinForm } from './useJoinForm'
import './index.scss'

/** On WeChat the button itself opens WeChat's phone sheet; the H5 preview shows a stand-in on tap (phoneCode.h5). */
const WECHAT_BUTTON = process.env.TARO_ENV === 'weapp'

/**
 * Said to everyone who types a number: a member who changed WeChat and joins again gets a new card, and the join
 * cannot tell them (it says nothing about whose a number is), so the way back to their points is the store.
 */
const RETURNING_MEMBER_HINT = '曾是会员、换了微信？新注册的会员卡不带原有积分和等级，请先到店由导购核实身份'

const open = (url: string) => (e: { stopPropagation: () => void }) => {
  e.stopPropagation() // a link inside the consent line opens the text; it does not tick the box
  void Taro.navigateTo({ url })
}

const JoinPage = () => {
  const form = useJoinForm()
  const { draft, offer } = form
  if (form.checkingMembership) {
    return (
      <View className="join-page">
        <StatusScreen mark="…" title="请稍候" />
        <LocalIdentitySwitcher />
      </View>
    )
  }
  const wechatPhone = draft.phoneMode === 'wechat'
  // Only a complete form opens WeChat's sheet: its code lives 5 minutes and resolves once.
  const opensPhoneSheet = WECHAT_BUTTON && wechatPhone && form.readyForPhone && form.canSubmit
  return (
    <View className="join-page">
      <View className="join-page__hero">
        <Text className="join-page__brand">{BRAND_WORDMARK}</Text>
        {form.invitedBy !== null && <Text className="join-page__invited">{invitedLine(form.invitedBy)}</Text>}
        <Text className="join-page__title">加入会员</Text>
        {offer?.storeName && (
          <Text className="join-page__where">
            {offer.assistantName
              ? `${offer.storeName} · 导购 ${offer.assistantName} 为您办理`
              : offer.assistantLeft
                ? `${offer.storeName} · 该导购已不在本店，由门店为您服务`
                : offer.storeName}
          </Text>
        )}
        <Text className="join-page__subtitle">消费累积分 · 满额升级VIP · 生日月专享7折</Text>
        {offer?.welcomeGift && (
          <View className="join-page__gift">
            <Text className="join-page__gift-label">入会即得</Text>
            <Text className="join-page__gift-name">{offer.welcomeGift}</Text>
          </View>
        )}
      </View>

      <View className="join-page__panel">
        <Field label="手机号" error={form.errorOf('mobile')} hint={wechatPhone ? undefined : (form.phoneNotice ?? RETURNING_MEMBER_HINT)}>
          {wechatPhone ? (
            <View className="join-page__phone">
              <Text className="join-page__phone-text">由微信授权，无需填写</Text>
              <Text className="join-page__phone-switch" onClick={() => form.choosePhoneMode('typed')}>
                手动填写
              </Text>
            </View>
          ) : (
            <View className="join-page__phone">
              <Input
                className="field__input join-page__phone-input"
                placeholderClass="field__placeholder"
                placeholder="11 位手机号"
                type="number"
                maxlength={11}
                value={draft.mobile}
                onInput={(e) => form.change('mobile', { mobile: e.detail.value })}
                onBlur={() => form.touch('mobile')}
              />
              <Text className="join-page__phone-switch" onClick={() => form.choosePhoneMode('wechat')}>
                用微信手机号
              </Text>
            </View>
          )}
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
        {/*
          Optional, and empty: WeChat no longer hands a mini program the user's name or nickname, and the join should
          need no typing. On WeChat the nickname keyboard offers the WeChat nickname in one tap; a shopper who skips
          it is called 会员 + the card's last four until they or the store set a name.
        */}
        <Field label="称呼" error={form.errorOf('name')}>
          <Input
            className="field__input"
            placeholderClass="field__placeholder"
            placeholder="选填，如：王女士"
            type={WECHAT_BUTTON ? 'nickname' : 'text'}
            maxlength={20}
            value={draft.name}
            onInput={(e) => form.change('name', { name: e.detail.value })}
            onBlur={(e) => {
              // WeChat fills a chosen nickname without an input event: the blur carries it.
              if (typeof e.detail.value === 'string' && e.detail.value !== draft.name) form.change('name', { name: e.detail.value })
              form.touch('name')
            }}
          />
        </Field>
      </View>

      <View className="join-page__privacy">
        <Text className="join-page__privacy-text">{PRIVACY_NOTICE_SUMMARY}</Text>
        <Text className="join-page__privacy-text join-page__privacy-minor">{MINOR_NOTICE}</Text>
      </View>

      {form.formError && <Text className="form-error">{form.formError}</Text>}

      <View className="join-page__bar">
        <View className="join-page__consent" onClick={() => void form.toggleConsent(ensurePrivacyAuthorized)}>
          <View className={`join-page__checkbox${draft.consent ? ' join-page__checkbox--checked' : ''}`} />
          <Text>
            我已阅读并同意
            <Text className="join-page__consent-link" onClick={open(ROUTES.handbook)}>
              《会员协议》
            </Text>
            <Text className="join-page__consent-link" onClick={open(ROUTES.privacy)}>
              《隐私政策》
            </Text>
          </Text>
        </View>
        {form.errorOf('consent') && <Text className="field__error">{form.errorOf('consent')}</Text>}
        <Button
          className={`btn btn--primary join-page__submit${form.canSubmit ? '' : ' btn--disabled'}`}
          disabled={!form.canSubmit}
          openType={opensPhoneSheet ? 'getPhoneNumber' : undefined}
          onGetPhoneNumber={(e) => void form.submit(e.detail)}
          onClick={opensPhoneSheet ? undefined : () => void form.submit()}
        >
          {form.submitting ? '正在提交…' : '立即加入'}
        </Button>
      </View>

      <LocalIdentitySwitcher />
    </View>
  )
}

export default JoinPage
