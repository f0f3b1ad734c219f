import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { formatPoints } from '../../wording/points'
import { ConfirmStep } from '../shared/ConfirmStep'
import { Fact } from '../../components/Fact'
import { MemberLookup } from '../shared/MemberLookup'
import { StaffDesk } from '../shared/StaffDesk'
import { RedeemReceipt } from './RedeemReceipt'
import { parsePoints } from './redeemForm'
import { useRedeemDesk } from './useRedeemDesk'

const RedeemPage = () => {
  const desk = useRedeemDesk()
  const { member, form, confirming, result } = desk
  const pointsToSpend = parsePoints(form.pointsText)
  return (
    <StaffDesk>
      {result ? (
        <View className="desk__panel">
          <RedeemReceipt result={result} />
          <Button className="btn btn--primary desk__action" onClick={desk.startOver}>
            下一位顾客
          </Button>
          <Text className="desk__link" onClick={desk.again}>
            为该会员继续兑换（需重新扫码）
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
            <ConfirmStep
              verb="兑换"
              retryIsSafe="同一笔兑换不会重复扣分"
              error={form.errors.form}
              submitting={desk.submitting}
              unanswered={desk.unanswered}
              onConfirm={desk.confirm}
              onBack={desk.back}
            >
              <Fact strong label="扣除积分" value={formatPoints(confirming.points)} />
              <Fact label="兑换内容" value={confirming.reason} />
              <Fact label="兑换后积分" value={formatPoints(member.pointsBalance - confirming.points)} />
            </ConfirmStep>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default RedeemPage
