import { Button, Text, View } from '@tarojs/components'
import { CouponTicket } from '../../components/CouponTicket'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { EMPTY_TAB, WALLET_TABS } from '../../wording/coupons'
import { useWallet } from './useWallet'
import './index.scss'

const WalletPage = () => {
  const wallet = useWallet()
  const { state, tab } = wallet
  return (
    <View className="wallet-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载优惠券" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="优惠券暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={wallet.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && (
        <>
          <View className="wallet-tabs">
            {WALLET_TABS.map(({ id, title }) => (
              <Text
                key={id}
                className={`wallet-tabs__tab${tab === id ? ' wallet-tabs__tab--on' : ''}`}
                onClick={() => wallet.chooseTab(id)}
              >
                {`${title} ${state.tabs[id].length}`}
              </Text>
            ))}
          </View>
          {state.tabs[tab].length === 0 ? (
            <View className="wallet-page__empty">
              <Text className="wallet-page__empty-title">{EMPTY_TAB[tab]}</Text>
              {tab === 'available' && (
                <Text className="wallet-page__empty-link" onClick={wallet.openCatalog}>
                  用积分兑换优惠券 ›
                </Text>
              )}
            </View>
          ) : (
            <View className="wallet-page__list">
              {state.tabs[tab].map((coupon) => (
                <CouponTicket key={coupon.id} coupon={coupon} onTap={() => wallet.openCoupon(coupon.id)} />
              ))}
            </View>
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default WalletPage
