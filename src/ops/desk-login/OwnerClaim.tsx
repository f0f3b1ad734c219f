import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { RoleHeader } from '../../components/RoleHeader'
import { dateText } from '../../wording/dates'
import type { useOwnerClaim } from './useOwnerClaim'

type Claim = ReturnType<typeof useOwnerClaim>

/** The brand's first sign-in: the printed claim code makes this WeChat the brand owner and signs the computer in. */
export const OwnerClaim = ({ claim }: { claim: Claim }) => {
  const { state } = claim
  return (
    <View className="ops-page">
      <RoleHeader title="设置品牌管理员" who="首次登录" />
      <View className="ops-page__panel desk-login">
        {state.kind === 'claimed' ? (
          <Text className="ops-page__done">{`${state.name}，您已成为品牌管理员，电脑端将自动登录`}</Text>
        ) : (
          state.kind === 'claimable' && (
            <>
              <Text className="desk-login__title">品牌还没有管理员</Text>
              <Text className="desk-login__warn">
                输入部署时打印的 10
                位认领码，您的微信将成为品牌管理员（拥有全部权限），这台电脑同时登录运营后台。其他员工和运营之后由您在后台邀请。
              </Text>
              <View className="desk-login__facts">
                <Text className="desk-login__fact">{`浏览器 ${state.view.browser}`}</Text>
                <Text className="desk-login__fact">{`IP 地址 ${state.view.ip || '未知'}`}</Text>
                <Text className="desk-login__fact">{`请求时间 ${dateText(state.view.requestedAt, 'auditTime')}`}</Text>
              </View>
              <Field label="您的姓名" error={claim.errors.name}>
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="同事看到的名字"
                  maxlength={20}
                  value={claim.name}
                  onInput={(e) => claim.setName(e.detail.value)}
                />
              </Field>
              <Field label="认领码" error={claim.errors.code} hint="部署命令最后打印的认领码，如 ABCDE-FGH23">
                <Input
                  className="field__input invite-code"
                  placeholderClass="field__placeholder"
                  placeholder="10 位字母或数字"
                  maxlength={20}
                  value={claim.code}
                  onInput={(e) => claim.setCode(e.detail.value)}
                  onConfirm={claim.claim}
                />
              </Field>
              {claim.errors.form && <Text className="form-error">{claim.errors.form}</Text>}
              <Button className="btn btn--primary" disabled={claim.claiming} onClick={claim.claim}>
                {claim.claiming ? '正在设置…' : '成为品牌管理员并登录'}
              </Button>
            </>
          )
        )}
      </View>
    </View>
  )
}
