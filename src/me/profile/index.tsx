import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { Chips, onOneValue, onTagText } from '../../components/Chips'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { LoadStatus } from '../../components/StatusScreen'
import { CLOTHING_SIZES, COLOURS, MAX_COLOURS, SHOE_SIZES } from '../../domain/preferences'
import { birthdayText, parseTags } from '../../wording/workbench'
import { MESSAGE_KINDS, WHY } from './profileForm'
import { ensurePrivacyAuthorized, PRIVACY_DECLINED } from '../../services/privacyAuth'
import { useMobileChange } from './useMobileChange'
import { useProfile } from './useProfile'
import './index.scss'

type Page = ReturnType<typeof useProfile>

const WECHAT_BUTTON = process.env.TARO_ENV === 'weapp'

/**
 * The member's own number: shown masked, changed only to the one WeChat verifies. WeChat's phone sheet is a privacy
 * API: its button opens the sheet only once the privacy guide is agreed, so the first tap asks for that (at once if
 * agreed before) and the button then opens the sheet.
 */
const MobileRow = ({ mobileMasked, mobileVerified }: { mobileMasked: string; mobileVerified: boolean }) => {
  const mobile = useMobileChange({ mobileMasked, mobileVerified })
  const [sheetReady, setSheetReady] = useState(false)
  const opensSheet = WECHAT_BUTTON && sheetReady
  const tap = async () => {
    if (!(await ensurePrivacyAuthorized())) return mobile.refuse(PRIVACY_DECLINED)
    if (WECHAT_BUTTON) setSheetReady(true)
    else await mobile.change()
  }
  return (
    <Field
      label="会员手机号"
      error={mobile.error}
      hint={
        mobile.note ??
        (opensSheet && !mobile.busy
          ? '请再点一次，选择微信绑定的手机号'
          : mobile.mobileVerified
            ? '微信已验证；更换时只能换成您微信绑定的手机号'
            : '未验证：验证后可凭手机号在门店找回会员卡')
      }
    >
      <View className="me-profile__mobile">
        <Text className="me-profile__fixed">{mobile.mobileMasked}</Text>
        <Button
          className="btn btn--secondary me-profile__mobile-change"
          disabled={mobile.busy}
          openType={opensSheet ? 'getPhoneNumber' : undefined}
          onGetPhoneNumber={(e) => void mobile.change(e.detail)}
          onClick={opensSheet ? undefined : () => void tap()}
        >
          {mobile.mobileVerified ? '更换手机号' : '验证手机号'}
        </Button>
      </View>
    </Field>
  )
}

type TextRow = Parameters<Page['setText']>[0]

const TextInput = ({
  page,
  row,
  placeholder,
  type = 'text',
  maxlength = 20,
}: {
  page: Page
  row: TextRow
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
}) => (
  <Input
    className="field__input"
    type={type}
    maxlength={maxlength}
    placeholder={placeholder}
    value={page.draft?.[row] ?? ''}
    onInput={(e) => page.setText(row, e.detail.value)}
  />
)

/** 我的资料: name, birthday (read-only once set), sizes, children's sizes, tastes, delivery address, messages. */
const ProfilePage = () => {
  const page = useProfile()
  const { state, draft, errors } = page
  if (state.status !== 'ready' || !draft) {
    return (
      <View className="me-profile">
        <LoadStatus
          state={state.status === 'ready' ? { status: 'loading' } : state}
          loading="正在加载资料"
          failed="资料暂时打不开"
          onRetry={page.retry}
        />
        <LocalIdentitySwitcher />
      </View>
    )
  }
  const edits = state.data.profile.edits ?? {}
  return (
    <View className="me-profile">
      <View className="me-profile__panel">
        <Text className="me-profile__step">基本信息</Text>
        <Field label="姓名" error={errors.name}>
          <TextInput page={page} row="name" placeholder="您的姓名" />
        </Field>
        <MobileRow mobileMasked={state.data.mobileMasked} mobileVerified={state.data.mobileVerified} />
        <Field label="生日" error={errors.birthday} hint={WHY.birthday}>
          <Text className="me-profile__fixed">{`${state.data.birthday.year ? `${state.data.birthday.year}年` : ''}${birthdayText(state.data.birthday)}`}</Text>
        </Field>
      </View>

      <View className="me-profile__panel">
        <Text className="me-profile__step">尺码</Text>
        <Text className="me-profile__why">{WHY.sizes}</Text>
        <Field
          label="服装尺码"
          error={errors.clothingSize}
          hint={edits.clothingSize?.by === 'staff' ? `导购 ${edits.clothingSize.name} 更新过` : undefined}
        >
          <Chips
            list={CLOTHING_SIZES}
            chosen={draft.clothingSize ? [draft.clothingSize] : []}
            change={(update) => page.updateText('clothingSize', onOneValue(update))}
          />
        </Field>
        <Field
          label="鞋码"
          error={errors.shoeSize}
          hint={edits.shoeSize?.by === 'staff' ? `导购 ${edits.shoeSize.name} 更新过` : undefined}
        >
          <Chips
            list={SHOE_SIZES}
            chosen={draft.shoeSize ? [draft.shoeSize] : []}
            change={(update) => page.updateText('shoeSize', onOneValue(update))}
          />
        </Field>
        <View className={`field me-profile__children${errors.children ? ' field--invalid' : ''}`}>
          <Text className="field__label">孩子的尺码</Text>
          {draft.children.map((child, i) => (
            <View key={i} className="me-profile__child">
              <Input
                className="field__input me-profile__child-name"
                maxlength={10}
                placeholder="称呼，如 大宝"
                value={child.name}
                onInput={(e) => page.setChild(i, 'name', e.detail.value)}
              />
              <Input
                className="field__input me-profile__child-size"
                maxlength={10}
                placeholder="尺码，如 120"
                value={child.size}
                onInput={(e) => page.setChild(i, 'size', e.detail.value)}
              />
              <Text className="me-profile__child-remove" onClick={() => page.removeChild(i)}>
                删除
              </Text>
            </View>
          ))}
          {draft.children.length < 5 && (
            <Text className="me-profile__add" onClick={page.addChild}>
              ＋ 添加孩子
            </Text>
          )}
          {errors.children ? <Text className="field__error">{errors.children}</Text> : <Text className="field__hint">{WHY.children}</Text>}
        </View>
      </View>

      <View className="me-profile__panel">
        <Text className="me-profile__step">喜好</Text>
        <Field label="喜欢的颜色" error={errors.colours} hint={`${WHY.tastes}，可多选，最多 ${MAX_COLOURS} 项`}>
          <Chips
            list={COLOURS}
            chosen={parseTags(draft.colours)}
            multiple
            max={MAX_COLOURS}
            change={(update) => page.updateText('colours', onTagText(update))}
          />
        </Field>
        <Field label="喜欢的风格" error={errors.styles} hint="多个用顿号隔开">
          <TextInput page={page} row="styles" placeholder="如 通勤、简约" maxlength={60} />
        </Field>
      </View>

      <View className="me-profile__panel">
        <Text className="me-profile__step">收货地址</Text>
        <Text className="me-profile__why">{WHY.address}</Text>
        <Field label="收件人" error={errors.recipient}>
          <TextInput page={page} row="recipient" placeholder="收件人姓名" />
        </Field>
        <Field label="手机号" error={errors.phone}>
          <TextInput page={page} row="phone" type="number" placeholder="11 位手机号" maxlength={11} />
        </Field>
        <Field label="详细地址" error={errors.address}>
          <TextInput page={page} row="address" placeholder="省市区、街道、门牌号" maxlength={120} />
        </Field>
      </View>

      <View className="me-profile__panel">
        <Text className="me-profile__step">希望收到的消息</Text>
        <Text className="me-profile__why">{WHY.messages}</Text>
        {MESSAGE_KINDS.map(({ key, label }) => (
          <View
            key={key}
            className={`me-profile__check${draft.messages[key] ? ' me-profile__check--on' : ''}`}
            onClick={() => page.toggleMessage(key)}
          >
            <Text className="me-profile__box">{draft.messages[key] ? '✓' : ''}</Text>
            <Text className="me-profile__check-label">{label}</Text>
          </View>
        ))}
        {errors.messages && <Text className="field__error">{errors.messages}</Text>}
      </View>

      {errors.form && <Text className="field__error me-profile__form-error">{errors.form}</Text>}
      {page.saved && <Text className="me-profile__saved">资料已保存</Text>}
      <Button className="btn btn--primary me-profile__save" loading={page.saving} disabled={page.saving} onClick={page.save}>
        保存资料
      </Button>
      <LocalIdentitySwitcher />
    </View>
  )
}

export default ProfilePage
