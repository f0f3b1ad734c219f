/** 导入会员 (issue 22 §2): the page with the desk's cloud client; ImportView is the page itself. */
import { call, uploadFile } from '../../cloud'
import { ImportView } from './ImportView'
import type { ImportDeps } from './useMemberImport'

const deskDeps: ImportDeps = {
  dryRun: (input) => call('import', 'dryRun', input),
  run: (input) => call('import', 'run', input),
  upload: uploadFile,
}

export default function ImportPage() {
  return <ImportView deps={deskDeps} />
}
