/**
 * 门店码: a store's poster (or one staff member's personal recruiting poster) as the phone's 门店海报 prints it,
 * with the poster and the bare mini-program code to download; for a store, every active staff member's poster in
 * one .zip. The code comes from ops.storeCode (a mini-program code whose scene names the store and the staff member);
 * the poster is painted here, in the browser.
 */
import { useEffect, useState } from 'react'
import { Button, Dialog, MessagePlugin, Space } from 'tdesign-react'
import type { StoreCodeView } from '../../../../src/api/contract'
import type { StaffRole } from '../../../../src/domain/staff'
import { storeCodeFileName, storePosterFileName } from '../../../../src/ops/posters/storePoster'
import { call, DeskError } from '../../cloud'
import { codeBlob, drawStorePoster, saveBlob, zipPosters, type PosterFile } from './posterPictures'

export interface PosterStaff {
  staffId: string
  name: string
  role: StaffRole
}

/** Whose poster: the store's own (staff null) or a staff member's. */
export interface PosterTarget {
  storeId: string
  storeName: string
  staff: PosterStaff | null
}

const ROLE_WORDS: Record<StaffRole, string> = { assistant: '导购', manager: '店长' }

const messageOf = (e: unknown, fallback: string) => (e instanceof DeskError || e instanceof Error ? e.message : fallback)

type Shown =
  { status: 'making' } | { status: 'failed'; message: string } | { status: 'ready'; code: StoreCodeView; poster: Blob; url: string }

/** The store's active staff (for the batch), from the same list the phone's 门店海报 reads. */
const useActiveStaff = (storeId: string, wanted: boolean) => {
  const [staff, setStaff] = useState<PosterStaff[] | null>(null)
  useEffect(() => {
    if (!wanted) return
    let live = true
    call('ops', 'storeDirectory', {})
      .then(({ stores }) => live && setStaff(stores.find((s) => s.id === storeId)?.staff ?? []))
      .catch(() => live && setStaff([]))
    return () => {
      live = false
    }
  }, [storeId, wanted])
  return staff
}

export const PosterDialog = ({ target, onClose }: { target: PosterTarget; onClose: () => void }) => {
  const [shown, setShown] = useState<Shown>({ status: 'making' })
  const [batch, setBatch] = useState<string | null>(null)
  /** What the last batch did, kept under its button: a toast fades before a busy operator looks. */
  const [batchDone, setBatchDone] = useState<string | null>(null)
  const staff = useActiveStaff(target.storeId, target.staff === null)
  const staffId = target.staff?.staffId ?? null
  const role = target.staff?.role ?? null

  useEffect(() => {
    let live = true
    let url: string | null = null
    setShown({ status: 'making' })
    call('ops', 'storeCode', { storeId: target.storeId, assistantId: staffId })
      .then(async (code) => {
        const poster = await drawStorePoster(code, role)
        if (!live) return
        url = URL.createObjectURL(poster)
        setShown({ status: 'ready', code, poster, url })
      })
      .catch((e: unknown) => live && setShown({ status: 'failed', message: messageOf(e, '海报生成失败，请稍后再试') }))
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [target.storeId, staffId, role])

  const downloadAll = async () => {
    if (!staff?.length || batch) return
    try {
      const files: PosterFile[] = []
      for (const person of staff) {
        setBatch(`正在生成 ${files.length + 1}/${staff.length}…`)
        const code = await call('ops', 'storeCode', { storeId: target.storeId, assistantId: person.staffId })
        files.push({ storeId: target.storeId, staffId: person.staffId, blob: await drawStorePoster(code, person.role) })
      }
      setBatch('正在打包…')
      saveBlob(await zipPosters(files), `门店海报-${target.storeId}-全部员工.zip`)
      setBatchDone(`已下载 ${files.length} 张员工海报`)
      void MessagePlugin.success(`已下载 ${files.length} 张员工海报`)
    } catch (e) {
      void MessagePlugin.error(messageOf(e, '批量下载失败，请稍后再试'))
    } finally {
      setBatch(null)
    }
  }

  const who = target.staff
    ? `${ROLE_WORDS[target.staff.role]}专属码：${target.staff.name}（${target.staff.staffId}）`
    : `门店码：${target.storeName}`
  return (
    <Dialog visible width={760} header={who} confirmBtn={null} cancelBtn="关闭" onClose={onClose} onCancel={onClose}>
      <div className="poster">
        <div className="poster__frame">
          {shown.status === 'ready' && <img className="poster__image" src={shown.url} alt="门店海报" />}
          {shown.status === 'making' && <span className="poster__state">正在生成海报…</span>}
          {shown.status === 'failed' && <span className="poster__state poster__state--failed">{shown.message}</span>}
        </div>
        <div className="poster__side">
          <p>
            {target.staff
              ? `顾客扫码入会，即归属${target.storeName}和${ROLE_WORDS[target.staff.role]} ${target.staff.name}。`
              : `顾客扫码入会，即归属${target.storeName}（不指定员工）。`}
          </p>
          <p className="dialog__note">A5 竖版（148 × 210 mm），1200 × 1696 像素，按原尺寸打印。</p>
          <Space direction="vertical" size={8}>
            <Button
              theme="primary"
              disabled={shown.status !== 'ready'}
              onClick={() => shown.status === 'ready' && saveBlob(shown.poster, storePosterFileName(target.storeId, staffId))}
            >
              下载海报
            </Button>
            <Button
              variant="outline"
              disabled={shown.status !== 'ready'}
              onClick={() => shown.status === 'ready' && saveBlob(codeBlob(shown.code), storeCodeFileName(shown.code))}
            >
              下载小程序码
            </Button>
          </Space>
          {target.staff === null && (
            <div className="poster__batch">
              <Button variant="outline" loading={batch !== null} disabled={!staff?.length} onClick={() => void downloadAll()}>
                批量下载
              </Button>
              <p className="dialog__note">
                {batch ??
                  batchDone ??
                  (staff === null
                    ? '正在读取在职员工…'
                    : staff.length
                      ? `本店 ${staff.length} 位在职员工的专属海报，打包为一个 .zip`
                      : '本店暂无在职员工')}
              </p>
            </div>
          )}
        </div>
      </div>
    </Dialog>
  )
}
