/**
 * The desk's 导入会员 page as an operator uses it (testing-library, jsdom, TDesign), with the import function stood in
 * for: a file picked, uploaded under imports/, dry-run to the end of its report (counts, errors by row and column),
 * then imported slice after slice on the operator's word.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ImportJobView } from '../../src/api/contract'
import { ImportView } from '../../desk/src/pages/import/ImportView'
import { importFileProblem, type ImportDeps } from '../../desk/src/pages/import/useMemberImport'

const view = (over: Partial<ImportJobView>): ImportJobView => ({
  jobId: 'imp-000000000000000000000001',
  fileName: '会员.xlsx',
  phase: 'checking',
  total: 3,
  valid: 2,
  done: 0,
  dryRun: { new: 0, unchanged: 0, changed: 0, refused: 1 },
  written: { created: 0, updated: 0, unchanged: 0, refused: 0 },
  errors: [{ line: 4, column: '手机号', message: '手机号应为 11 位中国大陆手机号' }],
  errorCount: 1,
  next: 'dryRun',
  createdAt: '2026-12-07T04:00:00.000Z',
  updatedAt: '2026-12-07T04:00:00.000Z',
  ...over,
})

const fakeDeps = () => {
  const calls: string[] = []
  const deps: ImportDeps = {
    upload: async (cloudPath) => {
      calls.push(`upload ${cloudPath.replace(/[0-9a-f]{24}/, 'X')}`)
      return 'cloud://local.bucket/imports/desk/X.xlsx'
    },
    dryRun: async (input) => {
      calls.push('jobId' in input ? 'dryRun jobId' : `dryRun ${input.fileID}`)
      return 'jobId' in input
        ? view({ phase: 'checked', done: 2, next: 'run', dryRun: { new: 1, unchanged: 0, changed: 1, refused: 1 } })
        : view({ done: 1 })
    },
    run: async () => {
      calls.push('run')
      const first = calls.filter((c) => c === 'run').length === 1
      return view({
        phase: first ? 'running' : 'done',
        done: first ? 1 : 2,
        next: first ? 'run' : null,
        dryRun: { new: 1, unchanged: 0, changed: 1, refused: 1 },
        written: first ? { created: 1, updated: 0, unchanged: 0, refused: 1 } : { created: 1, updated: 1, unchanged: 0, refused: 1 },
      })
    },
  }
  return { deps, calls }
}

describe('导入会员', () => {
  it('uploads, dry-runs to the end, shows the report, then imports slice after slice', async () => {
    const { deps, calls } = fakeDeps()
    render(<ImportView deps={deps} />)
    const file = new File(['x'], '会员.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    fireEvent.change(screen.getByLabelText('选择会员文件'), { target: { files: [file] } })
    await screen.findByText('开始导入（新建 1，更新 1）')
    expect(calls).toEqual(['upload imports/desk/X.xlsx', 'dryRun cloud://local.bucket/imports/desk/X.xlsx', 'dryRun jobId'])
    expect(screen.getByText('拒绝 1')).toBeTruthy()
    expect(screen.getByText('手机号应为 11 位中国大陆手机号')).toBeTruthy()

    fireEvent.click(screen.getByText('开始导入（新建 1，更新 1）'))
    await screen.findByText('导入完成。')
    expect(calls.filter((c) => c === 'run')).toHaveLength(2)
    expect(screen.getByText('已导入：新建 1，更新 1，无变化 0，拒绝 1')).toBeTruthy()
  })

  it('refuses an old .xls or another file before uploading anything', async () => {
    const { deps, calls } = fakeDeps()
    render(<ImportView deps={deps} />)
    fireEvent.change(screen.getByLabelText('选择会员文件'), { target: { files: [new File(['x'], '旧.xls')] } })
    await waitFor(() => expect(screen.getByText('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV')).toBeTruthy())
    expect(calls).toEqual([])
    expect(importFileProblem('a.pdf', 10)).toBe('请选择 .xlsx 或 .csv 文件')
    expect(importFileProblem('a.CSV', 10)).toBeNull()
  })
})
