import { Button, Text, View } from '@tarojs/components'
import type { StoreDetailView } from '../../api/contract'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { LoadStatus } from '../../components/StatusScreen'
import { useHomeStore } from './useHomeStore'
import './index.scss'

const StoreFacts = ({ store }: { store: StoreDetailView }) => (
  <>
    <View className="me-store__row">
      <Text className="me-store__label">地址</Text>
      <Text className="me-store__value">{store.address || '—'}</Text>
    </View>
    <View className="me-store__row">
      <Text className="me-store__label">营业时间</Text>
      <Text className="me-store__value">{store.openingHours || '—'}</Text>
    </View>
    <View className="me-store__row">
      <Text className="me-store__label">电话</Text>
      <Text className="me-store__value">{store.phone || '—'}</Text>
    </View>
  </>
)

/** 我的门店: the store the member belongs to — address, hours, a tap to call or navigate — and moving to another. */
const StorePage = () => {
  const page = useHomeStore()
  const { state } = page
  if (state.status !== 'ready') {
    return (
      <View className="me-store">
        <LoadStatus state={state} loading="正在加载门店" failed="门店信息暂时打不开" onRetry={page.retry} />
        <LocalIdentitySwitcher />
      </View>
    )
  }
  const { store, stores } = state.data
  const others = stores.filter((s) => s.id !== store?.id)
  return (
    <View className="me-store">
      {store ? (
        <View className="me-store__panel me-store__home">
          <Text className="me-store__kicker">我的门店</Text>
          <Text className="me-store__name">{store.name}</Text>
          <StoreFacts store={store} />
          <View className="me-store__actions">
            <Button className="btn btn--primary me-store__action" disabled={!store.phone} onClick={() => page.call(store)}>
              拨打电话
            </Button>
            <Button className="btn btn--secondary me-store__action" disabled={!store.location} onClick={() => page.navigate(store)}>
              导航到店
            </Button>
          </View>
        </View>
      ) : (
        <View className="me-store__panel">
          <Text className="me-store__name">还没有我的门店</Text>
          <Text className="me-store__hint">选择一家常去的门店，由该店导购为您服务。</Text>
        </View>
      )}

      {others.length > 0 && (
        <View className="me-store__panel">
          <View className="me-store__switch" onClick={page.choose}>
            <Text className="me-store__switch-title">{store ? '更换门店' : '选择门店'}</Text>
            <Text className="me-store__switch-caret">{page.choosing ? '收起' : '›'}</Text>
          </View>
          {page.choosing &&
            others.map((s) => (
              <View key={s.id} className="me-store__other">
                <Text className="me-store__other-name">{s.name}</Text>
                <Text className="me-store__other-line">{s.address}</Text>
                <Text className="me-store__other-line">{`营业时间 ${s.openingHours}`}</Text>
                <Button
                  className="btn btn--secondary me-store__pick"
                  loading={page.moving === s.id}
                  disabled={page.moving !== null}
                  onClick={() => page.move(s)}
                >
                  设为我的门店
                </Button>
              </View>
            ))}
          {page.error && <Text className="field__error">{page.error}</Text>}
        </View>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default StorePage
