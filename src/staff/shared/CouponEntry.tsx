import { Button, Input, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import type { useCouponLookup } from './useCouponLookup'

import { canScan } from './scanner'

interface Props {
  coupon: ReturnType<typeof useCouponLookup>
  /** The amount the coupon is checked against (the purchase), or null (a gift). */
  amountFen: number | null
  /** "核对优惠券", "查询礼品券". */
  lookUpLabel: string
}

/** The coupon's code field with scan and look-up buttons, as the member step has for member codes. */
export const CouponEntry = ({ coupon, amountFen, lookUpLabel }: Props) => (
  <>
    <Field label="券码" error={coupon.error} hint="扫描顾客出示的券码，或输入 12 位券码">
      <Input
        className="field__input"
        placeholderClass="field__placeholder"
        placeholder="12 位券码"
        type="number"
        value={coupon.text}
        onInput={(e) => coupon.change(e.detail.value)}
        onConfirm={() => coupon.lookUp(amountFen)}
      />
    </Field>
    <View className="desk__row">
      {canScan() && (
        <Button className="btn btn--secondary desk__half" onClick={() => coupon.scan(amountFen)}>
          扫券
        </Button>
      )}
      <Button className="btn btn--primary desk__half" onClick={() => coupon.lookUp(amountFen)}>
        {coupon.lookingUp ? '查询中…' : lookUpLabel}
      </Button>
    </View>
  </>
)
