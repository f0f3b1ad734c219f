import { Button, Picker, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { ROUTES } from '../../routes'
import { formatPoints } from '../../wording/points'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { FileActions } from './fileLink'
import { type Finished, useExport } from './useExport'
import './index.scss'
import { dateText } from '../../wording/dates'

const DatePicker = ({ value, onChange }: { value: string; onChange: (date: string) => void }) => (
  <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))}>
    <Text className="ops-when__part">{value}</Text>
  </Picker>
)

const whatWasExported = ({ kind, result }: Finished) =>
  kind === 'members' ? `会员名单 · ${formatPoints(result.rows)} 位会员` : `积分流水 · ${formatPoints(result.rows)} 条`

/**
 * The finished file, under the button that made it (on a phone a panel further down would be out of sight):
 * what it holds, whether phone numbers are in it, until when the link works.
 */
const Result = ({ finished }: { finished: Finished }) => (
  <View className="export-result">
    <Text className="export-result__done">导出完成</Text>
    <Text className="export-result__what">{whatWasExported(finished)}</Text>
    {finished.range && <Text className="export-result__range">{`${finished.range.from} 至 ${finished.range.to}（北京时间）`}</Text>}
    {finished.kind === 'members' && (
      <Text className={`export-result__pii${finished.result.pii ? ' export-result__pii--full' : ''}`}>
        {finished.result.pii ? '含完整手机号，请妥善保管，勿外传' : '手机号已脱敏（如 138****1234）'}
      </Text>
    )}
    <Text className="export-result__expiry">{`下载链接 ${dateText(finished.result.expiresAt, 'nearTime')} 前有效，本次导出已记录`}</Text>
    <FileActions url={finished.result.url} />
  </View>
)

const OpsExportPage = () => {
  const page = useExport()
  const { busy } = page
  return (
    <OpsDesk title="数据导出">
      {() => (
        <>
          <OpsNav current={ROUTES.opsExport} />

          <View className="ops-page__panel">
            <Text className="ops-page__step">会员名单</Text>
            <Text className="export-panel__about">
              全部会员的会员号、姓名、手机号、等级、VIP 有效期、积分、累计消费、门店、导购、入会时间和生日，CSV 文件可用 Excel 打开。
            </Text>
            <Button
              className={`btn btn--primary ops-page__action${busy ? ' btn--disabled' : ''}`}
              disabled={busy !== null}
              onClick={() => void page.exportMembers()}
            >
              {busy === 'members' ? '正在导出会员名单…' : '导出会员名单'}
            </Button>
            {page.error?.kind === 'members' && <Text className="form-error">{page.error.message}</Text>}
            {page.finished?.kind === 'members' && <Result finished={page.finished} />}
          </View>

          <View className="ops-page__panel">
            <Text className="ops-page__step">积分流水</Text>
            <Field label="开始日期">
              <DatePicker value={page.range.from} onChange={(from) => page.changeRange({ from })} />
            </Field>
            <Field label="结束日期" error={page.rangeError} hint="按北京时间整天计算，一次最多 366 天">
              <DatePicker value={page.range.to} onChange={(to) => page.changeRange({ to })} />
            </Field>
            <Button
              className={`btn btn--primary ops-page__action${busy ? ' btn--disabled' : ''}`}
              disabled={busy !== null}
              onClick={() => void page.exportLedger()}
            >
              {busy === 'ledger' ? '正在导出积分流水…' : '导出积分流水'}
            </Button>
            {page.error?.kind === 'ledger' && <Text className="form-error">{page.error.message}</Text>}
            {page.finished?.kind === 'ledger' && <Result finished={page.finished} />}
          </View>
        </>
      )}
    </OpsDesk>
  )
}

export default OpsExportPage
