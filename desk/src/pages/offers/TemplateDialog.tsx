/** Creating or editing a coupon template: what it gives, how long it lasts, who may use it, how many there are. */
import { useState } from 'react'
import { Checkbox, DatePicker, Dialog, Form, Input, InputNumber, MessagePlugin, Radio, Switch, Textarea } from 'tdesign-react'
import type { CouponTemplateRow } from '../../../../src/api/contract'
import { call } from '../../cloud'
import { Field } from '../../forms/Field'
import { useSubmit } from '../../forms/useSubmit'
import { tierName } from '../../wording'
import { EMPTY_TEMPLATE, formOf, inputOf, type TemplateForm } from './templateForm'

interface Props {
  template: CouponTemplateRow | null
  onClose: () => void
  onSaved: () => void
}

export const TemplateDialog = ({ template, onClose, onSaved }: Props) => {
  const form = useSubmit()
  const [f, setF] = useState<TemplateForm>(template ? formOf(template) : EMPTY_TEMPLATE)
  const set = <K extends keyof TemplateForm>(key: K, value: TemplateForm[K]) => setF((old) => ({ ...old, [key]: value }))
  const status = (field: string) => ({ help: form.fieldError(field), status: form.fieldError(field) ? ('error' as const) : undefined })

  const save = async () => {
    const done = await form.submit((requestId) =>
      call('setup', 'saveCouponTemplate', {
        requestId,
        ...(template ? { templateId: template.id, revision: template.revision } : {}),
        ...inputOf(f),
      }),
    )
    if (!done) return
    void MessagePlugin.success(done.created ? `已创建「${done.template.title}」` : `已保存「${done.template.title}」`)
    onSaved()
  }

  return (
    <Dialog
      visible
      width={640}
      header={template ? `编辑券模板：${template.title}` : '新建券模板'}
      confirmBtn={{ content: '保存', loading: form.submitting }}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Form labelWidth={100}>
        <Field label="券名称" {...status('title')}>
          <Input value={f.title} onChange={(v) => set('title', String(v))} maxlength={30} placeholder="例如：冬季满 500 减 50" />
        </Field>
        <Field label="券类型" {...status('benefit')}>
          <Radio.Group value={f.kind} disabled={template !== null} onChange={(v) => set('kind', v)}>
            <Radio.Button value="amountOff">满减券</Radio.Button>
            <Radio.Button value="percentOff">折扣券</Radio.Button>
            <Radio.Button value="gift">礼品券</Radio.Button>
          </Radio.Group>
        </Field>
        {f.kind === 'percentOff' && (
          <Field label="折扣" {...status('benefit.percentOff')}>
            <Input value={f.zhe} onChange={(v) => set('zhe', String(v))} suffix="折" placeholder="例如 7 或 8.5" />
          </Field>
        )}
        {f.kind === 'amountOff' && (
          <>
            <Field label="减免金额" {...status('benefit.amountOffFen')}>
              <Input value={f.amountOffYuan} onChange={(v) => set('amountOffYuan', String(v))} suffix="元" placeholder="例如 50" />
            </Field>
            <Field label="使用门槛" {...status('benefit.minSpendFen')}>
              <Input value={f.minSpendYuan} onChange={(v) => set('minSpendYuan', String(v))} suffix="元" placeholder="0 为无门槛" />
            </Field>
          </>
        )}
        {f.kind === 'gift' && (
          <Field label="礼品名称" {...status('benefit.giftName')}>
            <Input value={f.giftName} onChange={(v) => set('giftName', String(v))} maxlength={30} placeholder="例如 品牌帆布袋" />
          </Field>
        )}
        <Field label="有效期" {...status('validity')}>
          <Radio.Group value={f.validityKind} onChange={(v) => set('validityKind', v)}>
            <Radio value="daysFromIssue">领取后若干天</Radio>
            <Radio value="birthdayMonth">生日当月</Radio>
            <Radio value="fixed">固定日期</Radio>
          </Radio.Group>
        </Field>
        {f.validityKind === 'daysFromIssue' && (
          <Field label="有效天数" {...status('validity.days')}>
            <InputNumber
              value={f.days}
              min={1}
              max={3650}
              onChange={(v) => set('days', typeof v === 'number' ? v : undefined)}
              theme="normal"
              suffix="天"
            />
          </Field>
        )}
        {f.validityKind === 'fixed' && (
          <Field label="起止日期" {...status('validity.until')}>
            <div className="inline-fields">
              <DatePicker
                value={f.fromDate}
                valueType="YYYY-MM-DD"
                placeholder="开始日期"
                onChange={(v) => set('fromDate', String(v ?? ''))}
              />
              <DatePicker
                value={f.toDate}
                valueType="YYYY-MM-DD"
                placeholder="结束日期（含当天）"
                onChange={(v) => set('toDate', String(v ?? ''))}
              />
            </div>
          </Field>
        )}
        <Field label="适用等级" {...status('tiers')}>
          <Checkbox.Group
            value={f.tiers}
            onChange={(v) => set('tiers', v)}
            options={(['member', 'vip', 'gold'] as const).map((t) => ({ value: t, label: tierName(t) }))}
          />
        </Field>
        <Field label="发放总量" {...status('stockTotal')}>
          <div className="inline-fields">
            <Switch value={!f.unlimited} onChange={(v) => set('unlimited', !v)} label={['限量', '不限']} />
            {!f.unlimited && (
              <InputNumber
                value={f.stockTotal}
                min={0}
                onChange={(v) => set('stockTotal', typeof v === 'number' ? v : undefined)}
                theme="normal"
                suffix="张"
              />
            )}
          </div>
        </Field>
        <Field label="VIP价同享" {...status('combinesWithVipPrice')}>
          <Switch value={f.combinesWithVipPrice} onChange={(v) => set('combinesWithVipPrice', Boolean(v))} />
        </Field>
        <Field label="使用说明" {...status('note')}>
          <Textarea value={f.note} onChange={(v) => set('note', String(v))} maxlength={200} placeholder="可不填" />
        </Field>
      </Form>
      {template && <p className="dialog__note">修改只影响之后发出的券，已发出的券保持发放时的内容。券类型创建后不能更改。</p>}
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}
