import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { formatPoints } from '../../wording/points'
import { MemberLookup } from '../shared/MemberLookup'
import { StaffAccessScreen, StaffHeader } from '../shared/StaffScreens'
import { RedeemReceipt } from './RedeemReceipt'
import { parsePoints } from './redeemForm'
import { useRedeemDesk } from './useRedeemDesk'
import '../shared/desk.scss'

const RedeemPage = () => {
  const desk = useRedeemDesk()
  const { access, member, form, confirming, result } = desk

  if (access.status !== 'granted') {
    return (
      <View className="desk">
        <StaffAccessScreen access={access} retry={desk.retryAccess} />
        <LocalIdentitySwitcher />
      </View>
    )
  }

  const pointsToSpend = parsePoints(form.pointsText)
  return (
    <View className="desk">
      <StaffHeader staff={access.who} />

      {result ? (
        <View className="desk__panel">
          <RedeemReceipt result={result} />
          <Button className="btn btn--primary desk__action" onClick={desk.startOver}>
            下一位顾客
          </Button>
          <Text className="desk__link" onClick={desk.again}>
            为该会员继续兑换
          </Text>
        </View>
      ) : (
        <>
          <View className="desk__panel">
            <Text className="desk__step">1 · 会员</Text>
            <MemberLookup lookup={desk.lookup} onChange={desk.startOver} />
          </View>

          {member && !confirming && (
            <View className="desk__panel">
              <Text className="desk__step">2 · 兑换</Text>
              <Field label="兑换内容" error={form.errors.reason} hint="顾客用积分换取的礼品或服务">
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="例如 保温杯"
                  maxlength={40}
                  value={form.reasonText}
                  onInput={(e) => form.changeReason(e.detail.value)}
                />
              </Field>
              <Field label="兑换积分" error={form.errors.points} hint={`可用 ${formatPoints(member.pointsBalance)} 分`}>
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="0"
                  type="number"
                  value={form.pointsText}
                  onInput={(e) => form.changePoints(e.detail.value)}
                />
              </Field>
              {form.errors.form && <Text className="form-error">{form.errors.form}</Text>}
              <Button className="btn btn--primary desk__action" onClick={desk.review}>
                {pointsToSpend ? `兑换 ${formatPoints(pointsToSpend)} 积分` : '兑换'}
              </Button>
            </View>
          )}

          {member && confirming && (
            <View className="desk__panel">
              <Text className="desk__step">3 · 确认</Text>
              <View className="facts confirm-facts">
                <View className="facts__row facts__row--strong">
                  <Text className="facts__label">扣除积分</Text>
                  <Text className="facts__value">{formatPoints(confirming.points)}</Text>
                </View>
                <View className="facts__row">
                  <Text className="facts__label">兑换内容</Text>
                  <Text className="facts__value">{confirming.reason}</Text>
                </View>
                <View className="facts__row">
                  <Text className="facts__label">兑换后积分</Text>
                  <Text className="facts__value">{formatPoints(member.pointsBalance - confirming.points)}</Text>
                </View>
              </View>
              {form.errors.form && <Text className="form-error">{form.errors.form}</Text>}
              {desk.unanswered && <Text className="desk__note">未收到结果，可放心重试：同一笔兑换不会重复扣分。</Text>}
              <Button
                className={`btn btn--primary desk__action${desk.submitting ? ' btn--disabled' : ''}`}
                disabled={desk.submitting}
                onClick={desk.confirm}
              >
                {desk.submitting ? '正在兑换…' : desk.unanswered ? '重试兑换' : '确认兑换'}
              </Button>
              {!desk.submitting && (
                <Text className="desk__link" onClick={desk.back}>
                  返回修改
                </Text>
              )}
            </View>
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default RedeemPage
