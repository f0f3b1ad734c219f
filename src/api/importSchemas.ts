/** Inputs of the `import` function: operators importing a brand's existing members from a file. */
import * as v from 'valibot'
import { requestId } from './sharedSchemas'

/**
 * A file the desk (or `npm run import`) uploaded to cloud storage under `imports/`: the function reads nothing else,
 * so an operator cannot point it at another member's export.
 */
export const IMPORT_FILE_ID = /^cloud:\/\/[A-Za-z0-9._-]{1,120}\/imports\/(?:[A-Za-z0-9_-]{1,64}\/){0,3}[A-Za-z0-9_-]{1,64}\.(?:xlsx|csv)$/

const jobId = v.pipe(v.string('缺少导入任务编号'), v.regex(/^imp-[0-9a-f]{24}$/, '导入任务编号无效'))
/** Rows a call may do at most (tests and the command line choose smaller slices; the time budget stops it too). */
export const IMPORT_MAX_ROWS_PER_CALL = 20_000
const maxRows = v.optional(
  v.pipe(v.number('行数必须是数字'), v.integer('行数必须是整数'), v.minValue(1), v.maxValue(IMPORT_MAX_ROWS_PER_CALL)),
)

/**
 * Starts a dry run of a file (fileID, with the requestId that keys it: a retried start finds its job) or continues
 * one (jobId). One object rather than a union, so that a bad field is named as such.
 */
export const ImportDryRunSchema = v.pipe(
  v.object({
    fileID: v.optional(v.pipe(v.string('请先上传文件'), v.maxLength(400), v.regex(IMPORT_FILE_ID, '请上传 .xlsx 或 .csv 文件'))),
    fileName: v.optional(v.pipe(v.string('文件名必须是文字'), v.maxLength(120, '文件名太长')), ''),
    requestId: v.optional(requestId),
    jobId: v.optional(jobId),
    maxRows,
  }),
  v.forward(
    v.check((i) => (i.fileID === undefined) !== (i.jobId === undefined), '请先上传文件'),
    ['fileID'],
  ),
  v.forward(
    v.check((i) => i.fileID === undefined || i.requestId !== undefined, '缺少请求编号'),
    ['requestId'],
  ),
)
export type ImportDryRunInput = v.InferInput<typeof ImportDryRunSchema>

/** Imports (a slice more of) a job whose dry run finished. */
export const ImportRunSchema = v.object({ jobId, maxRows })
export type ImportRunInput = v.InferInput<typeof ImportRunSchema>
