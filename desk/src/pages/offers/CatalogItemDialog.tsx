/** Creating or editing a catalog item: its picture, what it costs and issues, who may take it, when, how many. */
import { useEffect, useState } from 'react'
import { Button, Checkbox, DatePicker, Dialog, Form, Input, InputNumber, MessagePlugin, Select, Switch, Textarea } from 'tdesign-react'
import type { CatalogItemRow, CouponTemplateRow } from '../../../../src/api/contract'
import type { TierId } from '../../../../src/domain/program'
import { businessTime } from '../../../../src/domain/time'
import { call, DeskError } from '../../cloud'
import { useStores } from '../../lists/useStores'
import { Field } from '../../forms/Field'
import { PicturePicker, type PictureValue } from '../../forms/PicturePicker'
import { useSubmit } from '../../forms/useSubmit'
import { tierName } from '../../wording'

interface Props {
  item: CatalogItemRow | null
  onClose: () => void
  onSaved: () => void
}

interface StoreStockRow {
  storeId: string
  total: number | undefined
}

export const CatalogItemDialog = ({ item, onClose, onSaved }: Props) => {
  const form = useSubmit()
  // Null until loaded: the picker shows only then (a picker opened empty would stay empty).
  const [templates, setTemplates] = useState<CouponTemplateRow[] | null>(null)
  const stores = useStores()
  const [title, setTitle] = useState(item?.title ?? '')
  const [description, setDescription] = useState(item?.description ?? '')
  const [picture, setPicture] = useState<PictureValue>({ fileID: item?.image ?? '', src: item?.imageUrl ?? '' })
  const [uploading, setUploading] = useState(false)
  const [templateId, setTemplateId] = useState<string | undefined>(item?.template?.id)
  const [pointsPrice, setPointsPrice] = useState<number | undefined>(item?.pointsPrice)
  const [tiers, setTiers] = useState<TierId[]>(item?.tiers ?? ['member', 'vip', 'gold'])
  const [perMemberLimit, setPerMemberLimit] = useState<number | null>(item?.perMemberLimit ?? null)
  // The picker's business time ("2026-12-12 10:00:00"); the instant is made on save.
  const [opensAt, setOpensAt] = useState<string>(
    item?.earlyAccess ? businessTime(item.earlyAccess.opensAt).format('YYYY-MM-DD HH:mm:ss') : '',
  )
  const [vipDays, setVipDays] = useState<number>(item?.earlyAccess?.vipDays ?? 3)
  const [sort, setSort] = useState<number>(item?.sort ?? 10)
  const [stockTotal, setStockTotal] = useState<number | null>(item?.stock.total ?? null)
  const [storeStock, setStoreStock] = useState<StoreStockRow[] | null>(
    item?.storeStock?.map((s) => ({ storeId: s.storeId, total: s.total })) ?? null,
  )
  const status = (field: string) => ({ help: form.fieldError(field), status: form.fieldError(field) ? ('error' as const) : undefined })

  // A failed load says so and offers another try (a picker that stays "loading" would leave the operator stuck).
  const [templatesFailed, setTemplatesFailed] = useState<string | null>(null)
  const loadTemplates = () => {
    setTemplatesFailed(null)
    call('setup', 'listCouponTemplates', { filter: { active: true }, limit: 100 })
      .then((page) => setTemplates(page.rows))
      .catch((e: unknown) => setTemplatesFailed(e instanceof DeskError ? e.message : '网络异常'))
  }
  useEffect(() => {
    loadTemplates()
  }, [])
  const template = templates?.find((t) => t.id === templateId)

  const save = async () => {
    const done = await form.submit((requestId) =>
      call('setup', 'saveCatalogItem', {
        requestId,
        ...(item ? { itemId: item.id, revision: item.revision } : {}),
        title,
        description,
        image: picture.fileID,
        pointsPrice: pointsPrice ?? 0,
        templateId: templateId ?? '',
        tiers,
        perMemberLimit,
        earlyAccess: opensAt ? { opensAt: `${opensAt.replace(' ', 'T')}+08:00`, vipDays } : null,
        sort,
        stockTotal,
        storeStock: storeStock?.map((s) => ({ storeId: s.storeId, total: s.total ?? 0 })) ?? null,
      }),
    )
    if (!done) return
    void MessagePlugin.success(done.created ? `已上架「${done.item.title}」` : `已保存「${done.item.title}」`)
    onSaved()
  }

  return (
    <Dialog
      visible
      width={720}
      header={item ? `编辑商品：${item.title}` : '新建兑换商品'}
      confirmBtn={{ content: '保存', loading: form.submitting, disabled: uploading }}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Form labelWidth={100}>
        <Field label="商品名称" {...status('title')}>
          <Input value={title} onChange={(v) => setTitle(String(v))} maxlength={30} placeholder="例如 羊绒围巾" />
        </Field>
        <Field label="商品图片" {...status('image')}>
          <PicturePicker folder="catalog" value={picture} onChange={setPicture} onUploading={setUploading} alt="商品图片" />
        </Field>
        <Field label="兑换所得" {...status('templateId')}>
          {templates ? (
            <Select
              value={templateId}
              onChange={(v) => {
                setTemplateId(v as string)
                // Stock per store is for gifts handed over in a store.
                if (templates.find((t) => t.id === v)?.benefit.kind !== 'gift') setStoreStock(null)
              }}
              options={templates.map((t) => ({ value: t.id, label: `${t.title}（${t.benefitText}）` }))}
              placeholder="选择兑换后发放的券"
            />
          ) : templatesFailed ? (
            <span className="page__lead">
              {`券模板加载失败：${templatesFailed} `}
              <Button variant="text" theme="primary" onClick={loadTemplates}>
                重新加载
              </Button>
            </span>
          ) : (
            <span className="page__lead">正在加载券模板…</span>
          )}
        </Field>
        <Field label="所需积分" {...status('pointsPrice')}>
          <InputNumber
            value={pointsPrice}
            min={1}
            onChange={(v) => setPointsPrice(typeof v === 'number' ? v : undefined)}
            theme="normal"
            suffix="积分"
          />
        </Field>
        <Field label="可兑换等级" {...status('tiers')}>
          <Checkbox.Group
            value={tiers}
            onChange={(v) => setTiers(v)}
            options={(['member', 'vip', 'gold'] as const).map((t) => ({ value: t, label: tierName(t) }))}
          />
        </Field>
        <Field label="每人限兑" {...status('perMemberLimit')}>
          <div className="inline-fields">
            <Switch value={perMemberLimit !== null} onChange={(v) => setPerMemberLimit(v ? 1 : null)} label={['限', '不限']} />
            {perMemberLimit !== null && (
              <InputNumber
                value={perMemberLimit}
                min={1}
                onChange={(v) => setPerMemberLimit(typeof v === 'number' ? v : 1)}
                theme="normal"
                suffix="次"
              />
            )}
          </div>
        </Field>
        <Field
          label="开放时间"
          help={form.fieldError('earlyAccess.opensAt') ?? 'VIP与金卡会员可提前若干天兑换；不填则立即开放'}
          status={form.fieldError('earlyAccess.opensAt') ? 'error' : undefined}
        >
          <div className="inline-fields">
            <DatePicker
              enableTimePicker
              value={opensAt}
              valueType="YYYY-MM-DD HH:mm:ss"
              format="YYYY-MM-DD HH:mm"
              clearable
              placeholder="立即开放"
              onChange={(v) => setOpensAt(String(v ?? ''))}
            />
            {opensAt && (
              <InputNumber
                value={vipDays}
                min={0}
                max={30}
                onChange={(v) => setVipDays(typeof v === 'number' ? v : 0)}
                theme="normal"
                label="VIP提前"
                suffix="天"
              />
            )}
          </div>
        </Field>
        <Field label="总库存" {...status('stockTotal')}>
          <div className="inline-fields">
            <Switch value={stockTotal !== null} onChange={(v) => setStockTotal(v ? 100 : null)} label={['限量', '不限']} />
            {stockTotal !== null && (
              <InputNumber
                value={stockTotal}
                min={0}
                onChange={(v) => setStockTotal(typeof v === 'number' ? v : 0)}
                theme="normal"
                suffix="件"
              />
            )}
          </div>
        </Field>
        {template?.benefit.kind === 'gift' && (
          <Field
            label="门店库存"
            help={form.fieldError('storeStock') ?? '礼品到店领取：按门店分配库存，某店领完即止'}
            status={form.fieldError('storeStock') ? 'error' : undefined}
          >
            <div className="store-stock">
              {(storeStock ?? []).map((row, i) => (
                <div className="inline-fields" key={i}>
                  <Select
                    value={row.storeId}
                    onChange={(v) => setStoreStock((rows) => rows!.map((r, j) => (j === i ? { ...r, storeId: v as string } : r)))}
                    options={stores.map((s) => ({ value: s.id, label: s.name }))}
                    placeholder="门店"
                  />
                  <InputNumber
                    value={row.total}
                    min={0}
                    onChange={(v) =>
                      setStoreStock((rows) => rows!.map((r, j) => (j === i ? { ...r, total: typeof v === 'number' ? v : undefined } : r)))
                    }
                    theme="normal"
                    suffix="件"
                  />
                  <Button
                    variant="text"
                    theme="danger"
                    onClick={() => setStoreStock((rows) => (rows!.length > 1 ? rows!.filter((_, j) => j !== i) : null))}
                  >
                    删除
                  </Button>
                </div>
              ))}
              <Button variant="outline" onClick={() => setStoreStock((rows) => [...(rows ?? []), { storeId: '', total: undefined }])}>
                添加门店
              </Button>
            </div>
          </Field>
        )}
        <Field label="排序" {...status('sort')}>
          <InputNumber value={sort} min={0} onChange={(v) => setSort(typeof v === 'number' ? v : 0)} theme="normal" />
        </Field>
        <Field label="商品介绍" {...status('description')}>
          <Textarea value={description} onChange={(v) => setDescription(String(v))} maxlength={200} placeholder="可不填" />
        </Field>
      </Form>
      {form.error && <p className="page__error">{form.error}</p>}
    </Dialog>
  )
}
