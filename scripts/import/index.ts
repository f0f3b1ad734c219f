/**
 * `npm run import -- members <file.xlsx|file.csv> [--dry-run]`: imports a brand's existing members through the
 * `import` function of the running local cloud (`npm start`), as an operator would from the desk: the file uploaded
 * to storage under imports/, the dry run to its end (its report printed), then, without --dry-run, the import in
 * slices until it is done. A stopped import goes on where it was with `--job <jobId>`.
 *
 * `npm run import -- template [out.csv]`: writes the template (the ten columns, one example row), UTF-8 with a BOM so
 * Excel opens it in Chinese.
 *
 * Options: --url (default http://127.0.0.1:$LOCAL_CLOUD_PORT or 8787), --as <operator openid> (default the demo
 * operator). Against CloudBase the desk's 导入 page does the same with the operator's session.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import type { CloudResult, ImportJobView } from '../../src/api/contract'
import { importTemplateCsv } from '../../src/domain/memberImport'
import { DEMO_OPERATOR } from '../demo-data'

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
const baseUrl = flag('url') ?? `http://127.0.0.1:${process.env.LOCAL_CLOUD_PORT ?? 8787}`
const operator = flag('as') ?? DEMO_OPERATOR._id

const call = async (action: 'dryRun' | 'run', input: Record<string, unknown>): Promise<ImportJobView> => {
  const res = await fetch(`${baseUrl}/functions/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': operator },
    body: JSON.stringify({ action, input }),
  })
  const answer = (await res.json()) as CloudResult<ImportJobView>
  if (!answer.ok) throw new Error(`import.${action}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

const upload = async (file: string): Promise<string> => {
  const ext = extname(file).toLowerCase()
  if (ext !== '.xlsx' && ext !== '.csv') throw new Error('请提供 .xlsx 或 .csv 文件')
  const cloudPath = `imports/cli/${randomBytes(8).toString('hex')}${ext}`
  const res = await fetch(`${baseUrl}/local/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'x-local-openid': operator },
    body: readFileSync(file),
  })
  const body = (await res.json()) as { fileID?: string; errMsg?: string }
  if (!body.fileID) throw new Error(`upload failed: ${body.errMsg ?? res.status}`)
  return body.fileID
}

const report = (job: ImportJobView) => {
  console.log(`\n${job.fileName}: ${job.total} 行，其中 ${job.valid} 行通过文件检查`)
  console.log(
    `预检查：新建 ${job.dryRun.new}，已导入未变 ${job.dryRun.unchanged}，有变更 ${job.dryRun.changed}，拒绝 ${job.dryRun.refused}`,
  )
  if (job.errorCount > 0) {
    console.log(`错误 ${job.errorCount} 条${job.errorCount > 20 ? '（前 20 条）' : ''}：`)
    for (const e of job.errors.slice(0, 20)) console.log(`  第 ${e.line} 行 ${e.column || '整行'}：${e.message}`)
  }
}

const members = async (file: string | undefined, dryOnly: boolean) => {
  const resume = flag('job')
  let job: ImportJobView
  if (resume) job = await call('dryRun', { jobId: resume })
  else {
    if (!file) throw new Error('usage: npm run import -- members <file.xlsx|file.csv> [--dry-run]')
    const fileID = await upload(file)
    job = await call('dryRun', { fileID, fileName: basename(file).slice(0, 120), requestId: `cli-${randomBytes(8).toString('hex')}` })
  }
  console.log(`导入任务 ${job.jobId}`)
  while (job.next === 'dryRun') {
    process.stdout.write(`\r预检查 ${job.done}/${job.valid}`)
    job = await call('dryRun', { jobId: job.jobId })
  }
  report(job)
  if (dryOnly) return
  const started = Date.now()
  while (job.next === 'run') {
    job = await call('run', { jobId: job.jobId })
    process.stdout.write(`\r导入 ${job.done}/${job.valid}`)
  }
  const w = job.written
  console.log(
    `\n导入完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：新建 ${w.created}，更新 ${w.updated}，未变 ${w.unchanged}，拒绝 ${w.refused}`,
  )
}

const main = async () => {
  const [command, target] = positional
  if (command === 'template') {
    const out = target ?? '会员导入模板.csv'
    writeFileSync(out, importTemplateCsv(), 'utf8')
    console.log(`模板已写入 ${out}`)
  } else if (command === 'members') await members(target, args.includes('--dry-run'))
  else throw new Error('usage: npm run import -- members <file> [--dry-run] | template [out.csv]')
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
