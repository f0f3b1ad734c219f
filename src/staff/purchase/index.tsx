import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { formatYuan, parseYuanToFen } from '../../domain/money'
import { MemberConfirm } from './MemberConfirm'
import { PurchaseReceipt } from './PurchaseReceipt'
import { usePurchaseDesk } from './usePurchaseDesk'
import './index.scss'

const ROLE_NAMES = { assistant: '导购', manager: '店长' } as const
// Only WeChat has a camera scanner; the H5 preview types the code.
const CAN_SCAN = process.env.TARO_ENV === 'weapp'

const FORBIDDEN_TITLE = '仅限门店导购使用'
/** The server's reason, unless it only repeats the title (then say what to do about it). */
const forbiddenMessage = (serverMessage: string) =>
  serverMessage === FORBIDDEN_TITLE ? '此页面供门店导购录入顾客消费。如您是本店导购，请联系店长开通权限。' : serverMessage

const PurchasePage = () => {
  const desk = usePurchaseDesk()
  const { access, code, member, purchase, result } = desk

  if (access.status !== 'granted') {
    return (
      <View className="purchase-page">
        {access.status === 'checking' && <StatusScreen mark="…" title="正在验证导购身份" />}
        {access.status === 'forbidden' && (
          <StatusScreen mark="限" title={FORBIDDEN_TITLE} message={forbiddenMessage(access.message)} />
        )}
        {access.status === 'failed' && (
          <StatusScreen mark="!" title="暂时无法打开" message={access.message}>
            <Button className="btn btn--primary" onClick={desk.retryAccess}>
              重试
            </Button>
          </StatusScreen>
        )}
        <LocalIdentitySwitcher />
      </View>
    )
  }

  const amountFen = parseYuanToFen(purchase.amountText)
  return (
    <View className="purchase-page">
      <View className="purchase-page__header">
        <Text className="purchase-page__store">{access.staff.store.name}</Text>
        <Text className="purchase-page__staff">{`${ROLE_NAMES[access.staff.role]} ${access.staff.name} · 工号 ${access.staff.staffId}`}</Text>
      </View>

      {result ? (
        <View className="purchase-page__panel">
          <PurchaseReceipt result={result} />
          <Button className="btn btn--primary purchase-page__action" onClick={desk.startOver}>
            录入下一笔
          </Button>
        </View>
      ) : (
        <>
          <View className="purchase-page__panel">
            <Text className="purchase-page__step">1 · 会员</Text>
            {member ? (
              <MemberConfirm member={member} onChange={desk.startOver} />
            ) : (
              <>
                <Field label="会员码" error={code.error} hint="扫描顾客出示的会员码，或输入会员号">
                  <Input
                    className="field__input"
                    placeholderClass="field__placeholder"
                    placeholder="11 位会员号"
                    type="number"
                    value={code.text}
                    onInput={(e) => code.change(e.detail.value)}
                    onConfirm={code.lookUp}
                  />
                </Field>
                <View className="purchase-page__row">
                  {CAN_SCAN && (
                    <Button className="btn btn--secondary purchase-page__half" onClick={code.scan}>
                      扫码
                    </Button>
                  )}
                  <Button className="btn btn--primary purchase-page__half" onClick={code.lookUp}>
                    {code.lookingUp ? '查询中…' : '查询会员'}
                  </Button>
                </View>
              </>
            )}
          </View>

          {member && (
            <View className="purchase-page__panel">
              <Text className="purchase-page__step">2 · 消费</Text>
              <Field label="消费金额（元）" error={purchase.errors.amount}>
                <Text className="purchase-page__currency">¥</Text>
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="0.00"
                  type="digit"
                  value={purchase.amountText}
                  onInput={(e) => purchase.changeAmount(e.detail.value)}
                />
              </Field>
              <Field label="订单号" error={purchase.errors.orderNo} hint="收银小票上的订单号；同一订单只计一次积分">
                <Input
                  className="field__input"
                  placeholderClass="field__placeholder"
                  placeholder="例如 SO20261123001"
                  maxlength={32}
                  value={purchase.orderNo}
                  onInput={(e) => purchase.changeOrderNo(e.detail.value)}
                />
              </Field>
              {purchase.errors.form && <Text className="form-error">{purchase.errors.form}</Text>}
              <Button
                className={`btn btn--primary purchase-page__action${purchase.recording ? ' btn--disabled' : ''}`}
                disabled={purchase.recording}
                onClick={purchase.record}
              >
                {purchase.recording ? '正在录入…' : amountFen ? `确认录入 ${formatYuan(amountFen)}` : '确认录入'}
              </Button>
            </View>
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default PurchasePage
