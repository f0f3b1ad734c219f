import { Fragment } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import type { StoreDirectoryEntry } from '../../api/contract'
import { ROUTES } from '../../routes'
import { PosterCanvas, SAVE_POSTER_LABEL } from '../../services/posterImage'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { type PosterTarget, sameTarget, useStorePosters } from './useStorePosters'
import './index.scss'

type Page = ReturnType<typeof useStorePosters>
type Staff = StoreDirectoryEntry['staff'][number]

const ROLE = { assistant: '导购', manager: '店长' } as const

/** One poster to make: the store's own code, or a staff member's. Tapping it makes the poster under it. */
const TargetRow = ({ page, target, title, sub }: { page: Page; target: PosterTarget; title: string; sub: string }) => {
  const on = page.poster !== null && sameTarget(page.poster.target, target)
  return (
    <>
      <View className={`posters-target${on ? ' posters-target--on' : ''}`} onClick={() => page.make(target)}>
        <View className="posters-target__who">
          <Text className="posters-target__title">{title}</Text>
          <Text className="posters-target__sub">{sub}</Text>
        </View>
        <Text className="posters-target__go">生成海报 ›</Text>
      </View>
      {on && <Poster page={page} />}
    </>
  )
}

/** The poster just made, as the printed picture, with the way to keep it. */
const Poster = ({ page }: { page: Page }) => {
  const { poster } = page
  if (!poster) return null
  if (poster.status === 'making') return <Text className="posters-poster__making">正在生成海报…</Text>
  if (poster.status === 'failed')
    return (
      <View className="posters-poster">
        <Text className="form-error">{poster.message}</Text>
        <Text className="ops-page__link" onClick={() => page.make(poster.target)}>
          重新生成
        </Text>
      </View>
    )
  return (
    <View className="posters-poster">
      {/* The frame keeps the poster's proportions (A5) on both platforms; the picture fills it. */}
      <View className="posters-poster__frame">
        <Image className="posters-poster__image" src={poster.image} mode="aspectFit" />
      </View>
      <Text className="posters-poster__size">A5 竖版 · 按原尺寸打印</Text>
      <Button
        className={`btn btn--primary posters-poster__save${page.saving ? ' btn--disabled' : ''}`}
        disabled={page.saving}
        onClick={page.save}
      >
        {page.saving ? '正在保存…' : SAVE_POSTER_LABEL}
      </Button>
      {page.saved && (
        <Text className={`posters-poster__saved${page.saved.ok ? '' : ' posters-poster__saved--failed'}`}>{page.saved.message}</Text>
      )}
    </View>
  )
}

const StoreCard = ({ page, store }: { page: Page; store: StoreDirectoryEntry }) => (
  <View className="ops-page__panel posters-store">
    <Text className="posters-store__name">{store.name}</Text>
    {store.address && <Text className="posters-store__address">{store.address}</Text>}
    <TargetRow page={page} target={{ storeId: store.id, staff: null }} title="门店码" sub="不指定员工，顾客归属本店" />
    {store.staff.map((staff: Staff) => (
      <Fragment key={staff.staffId}>
        <TargetRow
          page={page}
          target={{ storeId: store.id, staff }}
          title={staff.name}
          sub={`${ROLE[staff.role]} · 工号 ${staff.staffId}`}
        />
      </Fragment>
    ))}
    {store.staff.length === 0 && <Text className="posters-store__empty">本店暂无在职员工</Text>}
  </View>
)

const StorePosters = () => {
  const page = useStorePosters()
  const { directory } = page
  return (
    <>
      <OpsNav current={ROUTES.opsPosters} />
      <View className="ops-page__panel">
        <Text className="ops-page__step">打印门店海报</Text>
        <Text className="posters-about">
          {`每家门店一张门店码，每位在职员工一张专属码：顾客扫码入会，即归属该门店和员工。点选生成海报，${SAVE_POSTER_LABEL}后按 A5 竖版打印。`}
        </Text>
      </View>
      {directory.status === 'loading' && <Text className="ops-page__empty">正在读取门店…</Text>}
      {directory.status === 'failed' && (
        <View className="ops-page__panel">
          <Text className="form-error">{directory.message}</Text>
          <Text className="ops-page__link" onClick={page.reload}>
            重新加载
          </Text>
        </View>
      )}
      {directory.status === 'ready' && directory.stores.length === 0 && <Text className="ops-page__empty">还没有门店</Text>}
      {directory.status === 'ready' && directory.stores.map((store) => <StoreCard key={store.id} page={page} store={store} />)}
      <PosterCanvas />
    </>
  )
}

const OpsPostersPage = () => <OpsDesk title="门店海报">{() => <StorePosters />}</OpsDesk>

export default OpsPostersPage
