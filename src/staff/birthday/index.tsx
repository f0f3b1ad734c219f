import { Button, Input, Text, View } from '@tarojs/components'
import { BirthdayPicker } from '../../components/BirthdayPicker'
import { Field } from '../../components/Field'
import { ConfirmStep } from '../shared/ConfirmStep'
import { Fact } from '../../components/Fact'
import { MemberLookup } from '../shared/MemberLookup'
import { Receipt } from '../shared/Receipt'
import { StaffDesk } from '../shared/StaffDesk'
import { birthdayWords } from './birthdayForm'
import { useBirthdayDesk } from './useBirthdayDesk'
import './index.scss'

const BirthdayPage = () => {
  const desk = useBirthdayDesk()
  const { member, form, confirming, result } = desk
  return (
    <StaffDesk>
      {result ? (
        <View className="desk__panel">
          <Receipt replayed={false} title="生日已修改" member={result.member}>
            <Text className="receipt__earlier">{`新生日 ${birthdayWords(result.birthday)}，已记入会员档案`}</Text>
          </Receipt>
          <Button className="btn btn--primary desk__action" onClick={desk.startOver}>
            完成
          </Button>
        </View>
      ) : (
        <>
          <View className="desk__panel">
            <Text className="desk__step">1 · 会员</Text>
            <MemberLookup lookup={desk.lookup} onChange={desk.startOver} />
          </View>

          {member && !confirming && (
            <View className="desk__panel">
              <Text className="desk__step">2 · 新生日</Text>
              <View className="facts birthday-current">
                <Fact label="当前生日" value={birthdayWords(member.birthday)} />
              </View>
              <Field label="生日" error={form.errors.birthday} hint="生日月份决定生日月7折卡的发放；年份可不填">
                <BirthdayPicker currentYear={desk.currentYear} value={form.draft} onChange={form.changeBirthday} />
              </Field>
              <Field label="修改原因" error={form.errors.reason} hint="至少 4 个字，将记入会员档案">
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="例如 入会时选错月份"
                  maxlength={100}
                  value={form.reasonText}
                  onInput={(e) => form.changeReason(e.detail.value)}
                />
              </Field>
              {form.errors.form && <Text className="form-error">{form.errors.form}</Text>}
              <Button className="btn btn--primary desk__action" onClick={desk.review}>
                提交修改
              </Button>
            </View>
          )}

          {member && confirming && (
            <ConfirmStep
              verb="修改"
              retryIsSafe="重复提交只会写入同一个生日"
              error={form.errors.form}
              submitting={desk.submitting}
              unanswered={desk.unanswered}
              onConfirm={desk.confirm}
              onBack={desk.back}
            >
              <Fact strong label="新生日" value={birthdayWords(confirming.birthday)} />
              <Fact label="原生日" value={birthdayWords(member.birthday)} />
              <Fact label="会员" value={`${member.name} ${member.mobileMasked}`} />
              <Fact label="原因" value={confirming.reason} />
            </ConfirmStep>
          )}
        </>
      )}
    </StaffDesk>
  )
}

export default BirthdayPage
