/**
 * The import's steps on the desk, as a hook: upload the file to storage (under imports/), run the dry run to its
 * end, show its report, then import on the operator's word, slice after slice, with progress. The calls come in
 * (`deps`), so the page uses the desk's cloud client and its test a stand-in.
 */
import { useRef, useState } from 'react'
import type { ImportJobView } from '../../../../src/api/contract'

export interface ImportDeps {
  dryRun: (input: { fileID: string; fileName: string; requestId: string } | { jobId: string }) => Promise<ImportJobView>
  run: (input: { jobId: string }) => Promise<ImportJobView>
  upload: (cloudPath: string, file: File) => Promise<string>
}

export type ImportStep = 'idle' | 'uploading' | 'checking' | 'checked' | 'importing' | 'done'

const randomHex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('')

/** .xlsx and .csv only (the function reads nothing else): the extension, or null with the words to say. */
export const importFileProblem = (name: string, size: number): string | null => {
  if (!/\.(xlsx|csv)$/i.test(name))
    return /\.xls$/i.test(name) ? '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV' : '请选择 .xlsx 或 .csv 文件'
  if (size > 30 * 1024 * 1024) return '文件超过 30 MB，请拆分后导入'
  if (size === 0) return '文件是空的'
  return null
}

export const useMemberImport = (deps: ImportDeps) => {
  const [step, setStep] = useState<ImportStep>('idle')
  const [job, setJob] = useState<ImportJobView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)

  const guard = async (work: () => Promise<void>) => {
    if (busy.current) return
    busy.current = true
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(e instanceof Error ? e.message : '导入失败，请重试')
    } finally {
      busy.current = false
    }
  }

  /** Uploads and dry-runs a file to the end of its report. */
  const check = (file: File) =>
    guard(async () => {
      const problem = importFileProblem(file.name, file.size)
      if (problem) throw new Error(problem)
      setJob(null)
      setStep('uploading')
      try {
        const ext = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx'
        const fileID = await deps.upload(`imports/desk/${randomHex(12)}.${ext}`, file)
        setStep('checking')
        let view = await deps.dryRun({ fileID, fileName: file.name.slice(0, 120), requestId: `desk-${randomHex(12)}` })
        setJob(view)
        while (view.next === 'dryRun') {
          view = await deps.dryRun({ jobId: view.jobId })
          setJob(view)
        }
        setStep('checked')
      } catch (e) {
        setStep('idle')
        throw e
      }
    })

  /** Imports the checked file, slice after slice, until done (a failed slice can be started again: it resumes). */
  const start = () =>
    guard(async () => {
      if (!job) return
      setStep('importing')
      let view = job
      try {
        do {
          view = await deps.run({ jobId: view.jobId })
          setJob(view)
        } while (view.next === 'run')
        setStep('done')
      } catch (e) {
        setStep('checked')
        throw e
      }
    })

  const reset = () => {
    setStep('idle')
    setJob(null)
    setError(null)
  }

  return { step, job, error, check, start, reset }
}
