import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Field } from '../../components/Field'
import { RoleHeader } from '../../components/RoleHeader'
import { ROUTES } from '../../routes'
import { useInvitation } from './useInvitation'
import '../shared/desk.scss'
import './index.scss'

const ROLE_NAMES = { assistant: '导购', manager: '店长' } as const

/**
 * Where an invited shop assistant, store manager or operator joins: the code from the link (or typed), one tap, and
 * this WeChat account is theirs on the staff (or the brand's operators) from then on. Not behind the staff gate:
 * the person is nobody's staff until they accept.
 */
const InvitePage = () => {
  const invite = useInvitation()
  const { accepted } = invite
  return (
    <View className="desk">
      <RoleHeader title="加入门店团队" who="请使用本人微信接受邀请" />
      {accepted ? (
        <View className="desk__panel invite-done">
          <Text className="invite-done__mark">✓</Text>
          {accepted.kind === 'staff' ? (
            <>
              <Text className="invite-done__title">{`欢迎加入${accepted.staff.store.name}`}</Text>
              <Text className="invite-done__line">{`${ROLE_NAMES[accepted.staff.role]} ${accepted.staff.name} · 工号 ${accepted.staff.staffId}`}</Text>
              <Button className="btn btn--primary desk__action" onClick={() => void Taro.redirectTo({ url: ROUTES.staffHome })}>
                进入门店工作台
              </Button>
            </>
          ) : (
            <>
              <Text className="invite-done__title">欢迎加入品牌运营团队</Text>
              <Text className="invite-done__line">{`${accepted.operator.name} · 编号 ${accepted.operator.operatorId}`}</Text>
              <Button className="btn btn--primary desk__action" onClick={() => void Taro.redirectTo({ url: ROUTES.opsDashboard })}>
                进入运营管理
              </Button>
            </>
          )}
        </View>
      ) : (
        <View className="desk__panel">
          <Field label="邀请码" error={invite.error} hint="总部发给您的 8 位邀请码，7 天内有效，只能使用一次">
            <Input
              className="field__input invite-code"
              placeholderClass="field__placeholder"
              placeholder="8 位字母或数字"
              maxlength={20}
              value={invite.text}
              onInput={(e) => invite.change(e.detail.value)}
              onConfirm={() => void invite.accept()}
            />
          </Field>
          <Text className="desk__note">接受后，您当前的微信将绑定为门店员工或品牌运营账号，登录即可使用。请勿替他人接受。</Text>
          <Button className="btn btn--primary desk__action" disabled={invite.accepting} onClick={() => void invite.accept()}>
            {invite.accepting ? '正在接受…' : '接受邀请'}
          </Button>
        </View>
      )}
    </View>
  )
}

export default InvitePage
