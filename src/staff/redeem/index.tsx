import { Button, Input, Text, View } from '@tarojs/components'
import type { MemberSummary, StaffCatalogItem } from '../../api/contract'
import { Field } from '../../components/Field'
import { formatPoints } from '../../wording/points'
import { ConfirmStep } from '../shared/ConfirmStep'
import { Fact } from '../../components/Fact'
import { MemberLookup } from '../shared/MemberLookup'
import { StaffDesk } from '../shared/StaffDesk'
import { RedeemReceipt } from './RedeemReceipt'
import { affordable, parsePoints } from './redeemForm'
import { useRedeemDesk } from './useRedeemDesk'
import './index.scss'

type Desk = ReturnType<typeof useRedeemDesk>

/** One catalog item to tap: what it is, its price, the stock; greyed out when the member's points are short. */
const CatalogItem = ({
  item,
  member,
  picked,
  pick,
}: {
  item: StaffCatalogItem
  member: MemberSummary
  picked: boolean
  pick: () => void
}) => {
  const canPay = affordable(item, member)
  return (
    <View
      className={`catalog-pick${picked ? ' catalog-pick--on' : ''}${canPay ? '' : ' catalog-pick--short'}`}
      onClick={canPay ? pick : undefined}
    >
      <View className="catalog-pick__main">
        <Text className="catalog-pick__title">{item.title}</Text>
        <Text className="catalog-pick__line">
          {[item.gift ? '当场领取' : '放入顾客券包', item.stockLeft === null ? null : `剩 ${item.stockLeft}`].filter(Boolean).join(' · ')}
        </Text>
      </View>
      <View className="catalog-pick__side">
        <Text className="catalog-pick__price">{`${formatPoints(item.pointsPrice)} 积分`}</Text>
        {!canPay && <Text className="catalog-pick__short">积分不足</Text>}
      </View>
    </View>
  )
}

/** Step 2: the catalog to pick from, or a store manager's own words and points. */
const Choice = ({ desk, member, isManager }: { desk: Desk; member: MemberSummary; isManager: boolean }) => {
  const { form, catalog } = desk
  const pointsToSpend = form.free ? parsePoints(form.pointsText) : (form.picked?.pointsPrice ?? null)
  const canReview = form.free ? true : form.picked !== null && affordable(form.picked, member)
  return (
    <View className="desk__panel">
      <Text className="desk__step">2 · 兑换</Text>
      {!form.free && (
        <>
          <Text className="catalog-pick__head">{`积分商城 · 可用 ${formatPoints(member.pointsBalance)} 分`}</Text>
          {catalog === null && !desk.catalogError && <Text className="desk__note">正在读取积分商城…</Text>}
          {desk.catalogError && <Text className="form-error">{desk.catalogError}</Text>}
          {catalog?.length === 0 && <Text className="desk__note">积分商城暂无可兑换的礼品</Text>}
          {catalog?.map((item) => (
            <CatalogItem key={item.id} item={item} member={member} picked={form.picked?.id === item.id} pick={() => form.pick(item)} />
          ))}
          {form.errors.item && <Text className="form-error">{form.errors.item}</Text>}
        </>
      )}
      {form.free && (
        <>
          <Field label="兑换内容" error={form.errors.reason} hint="店长自定义：顾客用积分换取的礼品或服务">
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
        </>
      )}
      {form.errors.form && <Text className="form-error">{form.errors.form}</Text>}
      <Button className={`btn btn--primary desk__action${canReview ? '' : ' btn--disabled'}`} disabled={!canReview} onClick={desk.review}>
        {form.picked
          ? `兑换 ${form.picked.title} · ${formatPoints(form.picked.pointsPrice)} 积分`
          : pointsToSpend
            ? `兑换 ${formatPoints(pointsToSpend)} 积分`
            : form.free
              ? '兑换'
              : '请选择礼品'}
      </Button>
      {isManager && (
        <Text className="desk__link" onClick={() => form.writeOwn(!form.free)}>
          {form.free ? '从积分商城选择' : '自定义兑换（店长）'}
        </Text>
      )}
    </View>
  )
}

const RedeemPage = () => {
  const desk = useRedeemDesk()
  const { member, confirming, result } = desk
  return (
    <StaffDesk>
      {(staff) =>
        result ? (
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

            {member && !confirming && <Choice desk={desk} member={member} isManager={staff.role === 'manager'} />}

            {member && confirming && (
              <ConfirmStep
                verb="兑换"
                retryIsSafe="同一笔兑换不会重复扣分"
                error={desk.form.errors.form}
                submitting={desk.submitting}
                unanswered={desk.unanswered}
                onConfirm={desk.confirm}
                onBack={desk.back}
              >
                <Fact strong label="扣除积分" value={formatPoints(confirming.points)} />
                <Fact label="兑换内容" value={confirming.what} />
                <Fact label="兑换后积分" value={formatPoints(member.pointsBalance - confirming.points)} />
              </ConfirmStep>
            )}
          </>
        )
      }
    </StaffDesk>
  )
}

export default RedeemPage
