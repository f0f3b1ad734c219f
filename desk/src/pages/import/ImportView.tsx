/**
 * 导入会员: an operator brings the brand's existing members in from an .xlsx or .csv (issue 22 §2) — the template to
 * download, the file dragged in (or picked), the dry run's report as a table of errors by row and column, then the
 * import with its progress. Imported members are unclaimed until the shopper joins with the same verified phone.
 */
import { useState, type DragEvent } from 'react'
import { Button, Progress, Table } from 'tdesign-react'
import type { ImportJobView } from '../../../../src/api/contract'
import { importTemplateCsv, type RowError } from '../../../../src/domain/memberImport'
import { useMemberImport, type ImportDeps } from './useMemberImport'
import './import.css'

const downloadTemplate = () => {
  const url = URL.createObjectURL(new Blob([importTemplateCsv()], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = '会员导入模板.csv'
  a.click()
  URL.revokeObjectURL(url)
}

const ERROR_COLUMNS = [
  { colKey: 'line', title: '行', width: 80 },
  { colKey: 'column', title: '列', width: 140, cell: ({ row }: { row: RowError }) => row.column || '整行' },
  { colKey: 'message', title: '问题' },
]

/** The dry run's counts, then (once importing) what was written. */
export const ImportReport = ({ job, importing }: { job: ImportJobView; importing: boolean }) => (
  <div className="import-report">
    <p className="import-report__file">{`${job.fileName || '文件'}：共 ${job.total} 行，${job.valid} 行通过文件检查`}</p>
    <ul className="import-report__counts" aria-label="预检查结果">
      <li>{`将新建 ${job.dryRun.new}`}</li>
      <li>{`已导入且无变化 ${job.dryRun.unchanged}`}</li>
      <li>{`有变更（将更新） ${job.dryRun.changed}`}</li>
      <li className="import-report__refused">{`拒绝 ${job.dryRun.refused}`}</li>
    </ul>
    {importing && (
      <p className="import-report__written">{`已导入：新建 ${job.written.created}，更新 ${job.written.updated}，无变化 ${job.written.unchanged}，拒绝 ${job.written.refused}`}</p>
    )}
    {job.errorCount > 0 && (
      <>
        <p className="import-report__errors-title">{`问题 ${job.errorCount} 条${job.errorCount > job.errors.length ? `（显示前 ${job.errors.length} 条）` : ''}`}</p>
        <Table rowKey="key" size="small" columns={ERROR_COLUMNS} data={job.errors.map((e, i) => ({ ...e, key: i }))} maxHeight={360} />
      </>
    )}
  </div>
)

export function ImportView({ deps }: { deps: ImportDeps }) {
  const { step, job, error, check, start, reset } = useMemberImport(deps)
  const [dragging, setDragging] = useState(false)
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file) void check(file)
  }
  const working = step === 'uploading' || step === 'checking' || step === 'importing'
  const percent = job && job.valid > 0 ? Math.floor((job.done / job.valid) * 100) : 0

  return (
    <section className="page import">
      <h2 className="page__title">导入会员</h2>
      <p className="page__lead">
        把品牌原有的会员（Excel
        顾客档案）导入系统：先预检查，再导入。导入的会员“已导入，未开卡”，顾客用微信授权同一手机号入会后，原等级、有效期和积分自动转到其会员卡。
      </p>
      <p>
        <Button variant="outline" onClick={downloadTemplate}>
          下载模板
        </Button>
        <span className="import__hint">
          列：姓名、手机号、生日、等级、VIP有效期至、积分、积分到期日、累计消费、门店编号、导购工号（顺序不限）
        </span>
      </p>

      {(step === 'idle' || step === 'checked' || step === 'done') && (
        <label
          className={dragging ? 'import-drop import-drop--over' : 'import-drop'}
          onDragOver={(e) => {
            e.preventDefault()
            setDragging(true)
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            type="file"
            accept=".xlsx,.csv"
            aria-label="选择会员文件"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (file) void check(file)
            }}
          />
          <span>{step === 'idle' ? '把 .xlsx 或 .csv 文件拖到这里，或点击选择' : '换一个文件：拖到这里或点击选择'}</span>
        </label>
      )}
      {error && <p className="page__error">{error}</p>}
      {working && (
        <div className="import-progress">
          <p>{step === 'uploading' ? '正在上传…' : step === 'checking' ? '正在预检查…' : '正在导入…'}</p>
          {step !== 'uploading' && <Progress percentage={percent} label={`${job?.done ?? 0} / ${job?.valid ?? 0}`} />}
        </div>
      )}
      {job && <ImportReport job={job} importing={step === 'importing' || step === 'done'} />}
      {step === 'checked' && job && (
        <Button theme="primary" disabled={job.dryRun.new + job.dryRun.changed === 0} onClick={() => void start()}>
          {`开始导入（新建 ${job.dryRun.new}，更新 ${job.dryRun.changed}）`}
        </Button>
      )}
      {step === 'done' && (
        <p className="import-done">
          导入完成。
          <Button variant="text" theme="primary" onClick={reset}>
            再导入一个文件
          </Button>
        </p>
      )}
    </section>
  )
}
