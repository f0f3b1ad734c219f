import { Button, Input, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { MemberConfirm } from '../../components/MemberConfirm'
import type { useMemberLookup } from './useMemberLookup'

import { canScan } from './scanner'

interface Props {
  lookup: ReturnType<typeof useMemberLookup>
  onChange: () => void
  /** Where there is no camera (the H5 preview), the till starts in the code field, ready to type. */
  focusWithoutCamera?: boolean
}

/** The member step of a till page: the code field and buttons, then who it is with a way to change. */
export const MemberLookup = ({ lookup, onChange, focusWithoutCamera = false }: Props) => {
  const { code, member } = lookup
  if (member) return <MemberConfirm member={member} onChange={onChange} />
  const hint = lookup.acceptsCoupons
    ? '扫描顾客会员卡上的动态会员码或优惠券，或输入码下数字'
    : lookup.numberAllowed
      ? '扫描顾客出示的会员码，或输入会员号'
      : '扫描顾客会员卡上的动态会员码，或输入码下数字'
  return (
    <>
      <Field label="会员码" error={code.error} hint={hint}>
        <Input
          className="field__input"
          placeholderClass="field__placeholder"
          placeholder={lookup.numberAllowed ? '18 位会员码或 11 位会员号' : '18 位动态会员码'}
          type="number"
          focus={focusWithoutCamera && !canScan()}
          value={code.text}
          onInput={(e) => code.change(e.detail.value)}
          onConfirm={code.lookUp}
        />
      </Field>
      <View className="desk__row">
        {canScan() && (
          <Button className="btn btn--secondary desk__half" onClick={code.scan}>
            扫码
          </Button>
        )}
        <Button className="btn btn--primary desk__half" onClick={code.lookUp}>
          {code.lookingUp ? '查询中…' : '查询会员'}
        </Button>
      </View>
    </>
  )
}
