/**
 * The outline button that exports exactly what a table selects: `导出 Excel（N 条）`, then the export's progress on
 * the button while it runs (useXlsxExport), off when there is nothing to export.
 */
import { Button } from 'tdesign-react'
import type { useXlsxExport } from './useXlsxExport'

interface Props {
  xlsx: Pick<ReturnType<typeof useXlsxExport>, 'progress'>
  /** How many rows the export would write; null when not known (yet): the label then gives no count. */
  total: number | null
  disabled?: boolean
  onClick: () => void
}

export const ExportButton = ({ xlsx, total, disabled, onClick }: Props) => (
  <Button theme="primary" variant="outline" loading={xlsx.progress !== null} disabled={disabled || total === 0} onClick={onClick}>
    {xlsx.progress ?? (total === null ? '导出 Excel' : `导出 Excel（${total} 条）`)}
  </Button>
)
