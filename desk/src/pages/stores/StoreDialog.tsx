/** Creating or editing a store: its id code, name, address, phone, map point, weekly hours, and open or closed. */
import { useState } from 'react'
import { Button, Checkbox, Dialog, Form, Input, MessagePlugin, Switch, TimePicker } from 'tdesign-react'
import type { StoreRow } from '../../../../src/api/contract'
import { STORE_ID_RULE, WEEKDAY_WORDS, WEEKDAYS, type Weekday } from '../../../../src/domain/stores'
import { call } from '../../cloud'
import { Field } from '../../forms/Field'
import { useSubmit } from '../../forms/useSubmit'
import { MapPointPicker } from './MapPointPicker'
import {
  EMPTY_STORE,
  locationOf,
  locationPickerUrl,
  pastedPoint,
  pointProblems,
  storeFormOf,
  storeInputOf,
  type PickedPoint,
  type StoreForm,
} from './storeForm'

interface Props {
  store: StoreRow | null
  onClose: () => void
  onSaved: () => void
}

/** Tencent's map key (VITE_TMAP_KEY at build time): with one, the point is picked on the map; without, pasted. */
const MAP_KEY: string | undefined = import.meta.env.VITE_TMAP_KEY
const MAP_REFERER = 'VIP Card 运营后台'
const POINT_HINT = MAP_KEY
  ? '点“在地图上选点”，或粘贴“纬度,经度”即同时填好两项'
  : '在腾讯地图坐标拾取器（lbs.qq.com/getPoint）查到坐标，粘贴“纬度,经度”即同时填好两项'

export const StoreDialog = ({ store, onClose, onSaved }: Props) => {
  const form = useSubmit()
  const [f, setF] = useState<StoreForm>(store ? storeFormOf(store) : EMPTY_STORE)
  const [picking, setPicking] = useState(false)
  const set = <K extends keyof StoreForm>(key: K, value: StoreForm[K]) => setF((old) => ({ ...old, [key]: value }))
  const setDay = (day: Weekday, value: StoreForm['hours'][Weekday]) => setF((old) => ({ ...old, hours: { ...old.hours, [day]: value } }))
  /** A whole "lat,lng" pasted into either box fills both; anything else is that one coordinate. */
  const setCoordinate = (key: 'latitude' | 'longitude', text: string) => {
    const point = pastedPoint(text)
    setF((old) => (point ? { ...old, ...point } : { ...old, [key]: text }))
  }
  /** The map's point fills both coordinates, and the address while none is typed (a typed one is the operator's). */
  const takePicked = (point: PickedPoint) => {
    setF((old) => ({ ...old, latitude: point.latitude, longitude: point.longitude, address: old.address.trim() || point.address }))
    setPicking(false)
  }
  const typed = pointProblems(f)
  // The picker opens on the store's point when a whole, valid one is typed.
  const whole = f.latitude.trim() !== '' && f.longitude.trim() !== '' && !typed.latitude && !typed.longitude
  const pickerUrl = picking ? locationPickerUrl(MAP_KEY, MAP_REFERER, whole ? locationOf(f) : null) : null
  // What is typed now first; the server's word from the last save after it.
  const typedError = [typed.latitude, typed.longitude].filter(Boolean).join('；')
  const pointError =
    typedError || (form.fieldError('location.latitude') ?? form.fieldError('location.longitude') ?? form.fieldError('location'))
  const status = (field: string) => ({ help: form.fieldError(field), status: form.fieldError(field) ? ('error' as const) : undefined })

  const save = async () => {
    const done = await form.submit(() => call('setup', 'saveStore', storeInputOf(f, store ? 'edit' : 'create')))
    if (!done) return
    void MessagePlugin.success(done.created ? `已新建门店「${done.store.name}」` : `已保存门店「${done.store.name}」`)
    onSaved()
  }

  return (
    <Dialog
      visible
      width={720}
      header={store ? `编辑门店：${store.name}` : '新建门店'}
      confirmBtn={{ content: '保存', loading: form.submitting }}
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Form labelWidth={90}>
        <Field
          label="门店编号"
          help={form.fieldError('storeId') ?? (store ? '编号创建后不可更改' : STORE_ID_RULE)}
          status={status('storeId').status}
        >
          <Input
            value={f.storeId}
            disabled={store !== null}
            onChange={(v) => set('storeId', String(v).toUpperCase())}
            placeholder="例如 BJ001"
          />
        </Field>
        <Field label="门店名称" {...status('name')}>
          <Input value={f.name} onChange={(v) => set('name', String(v))} maxlength={30} placeholder="例如 北京三里屯店" />
        </Field>
        <Field label="地址" {...status('address')}>
          <Input value={f.address} onChange={(v) => set('address', String(v))} maxlength={100} />
        </Field>
        <Field label="电话" {...status('phone')}>
          <Input value={f.phone} onChange={(v) => set('phone', String(v))} placeholder="带区号的座机、手机或 400 电话" />
        </Field>
        <Field label="地图位置" help={pointError ?? POINT_HINT} status={pointError ? 'error' : undefined}>
          <div className="inline-fields">
            <Input value={f.latitude} onChange={(v) => setCoordinate('latitude', String(v))} placeholder="纬度，例如 39.9334" />
            <Input value={f.longitude} onChange={(v) => setCoordinate('longitude', String(v))} placeholder="经度，例如 116.4550" />
            {MAP_KEY && (
              <Button variant="outline" onClick={() => setPicking(true)}>
                在地图上选点
              </Button>
            )}
          </div>
        </Field>
        <Field label="营业时间" {...status('hours')}>
          <div className="hours">
            {WEEKDAYS.map((day) => {
              const hours = f.hours[day]
              return (
                <div className="hours__day" key={day}>
                  <span className="hours__name">{WEEKDAY_WORDS[day]}</span>
                  <Checkbox checked={hours !== null} onChange={(open) => setDay(day, open ? { opens: '10:00', closes: '22:00' } : null)}>
                    营业
                  </Checkbox>
                  {hours && (
                    <>
                      <TimePicker value={hours.opens} format="HH:mm" onChange={(v) => setDay(day, { ...hours, opens: String(v) })} />
                      <span>至</span>
                      <TimePicker value={hours.closes} format="HH:mm" onChange={(v) => setDay(day, { ...hours, closes: String(v) })} />
                    </>
                  )}
                  {form.fieldError(`hours.${day}`) && <span className="hours__error">{form.fieldError(`hours.${day}`)}</span>}
                </div>
              )
            })}
          </div>
        </Field>
        <Field label="营业状态" {...status('active')}>
          <Switch value={f.active} onChange={(v) => set('active', Boolean(v))} label={['营业', '停业']} />
        </Field>
      </Form>
      {form.error && <p className="page__error">{form.error}</p>}
      {pickerUrl && <MapPointPicker url={pickerUrl} onPick={takePicked} onClose={() => setPicking(false)} />}
    </Dialog>
  )
}
