import { Button, Text, View } from '@tarojs/components'
import { BirthdayReminder } from '../../components/BirthdayReminder'
import { CouponTicket } from '../../components/CouponTicket'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { StatusScreen } from '../../components/StatusScreen'
import { formatPoints } from '../../wording/points'
import { CatalogItem } from './CatalogItem'
import { useCatalog } from './useCatalog'
import './index.scss'

const CatalogPage = () => {
  const page = useCatalog()
  const { state, confirming, exchanged } = page
  return (
    <View className="catalog-page">
      {state.status === 'loading' && <StatusScreen mark="…" title="正在加载积分商城" />}
      {state.status === 'failed' && (
        <StatusScreen mark="!" title="积分商城暂时打不开" message={state.message}>
          <Button className="btn btn--primary" onClick={page.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {state.status === 'ready' && exchanged && (
        <View className="catalog-page__panel catalog-result">
          <View className="catalog-result__mark" />
          <Text className="catalog-result__title">{exchanged.replayed ? '已兑换（未重复扣分）' : '兑换成功'}</Text>
          <Text className="catalog-result__hint">券已放入「我的优惠券」，到店出示即可使用</Text>
          <View className="catalog-result__ticket">
            <CouponTicket coupon={exchanged.coupon} onTap={() => page.openCoupon(exchanged.coupon.id)} />
          </View>
          {page.templates && (
            <View className="catalog-result__reminder">
              <BirthdayReminder templates={page.templates} />
            </View>
          )}
          <Button className="btn btn--primary catalog-page__action" onClick={() => page.openCoupon(exchanged.coupon.id)}>
            查看券详情
          </Button>
          <Text className="catalog-page__link" onClick={page.done}>
            继续兑换
          </Text>
        </View>
      )}
      {state.status === 'ready' && !exchanged && confirming && (
        <View className="catalog-page__panel">
          <Text className="catalog-page__step">兑换前请确认</Text>
          <View className="catalog-confirm">
            <Text className="catalog-confirm__title">{confirming.title}</Text>
            <Text className="catalog-confirm__points">{`${formatPoints(confirming.pointsPrice)} 积分`}</Text>
            <Text className="catalog-confirm__line">{`兑换后可用积分 ${formatPoints(state.pointsAvailable - confirming.pointsPrice)}`}</Text>
            <Text className="catalog-confirm__line">兑换后不可撤销，券放入「我的优惠券」</Text>
          </View>
          {page.error && <Text className="form-error">{page.error}</Text>}
          {page.unanswered && <Text className="catalog-page__note">未收到结果，可放心重试：同一次兑换不会重复扣分。</Text>}
          <Button
            className={`btn btn--primary catalog-page__action${page.submitting ? ' btn--disabled' : ''}`}
            disabled={page.submitting}
            onClick={page.confirm}
          >
            {page.submitting ? '正在兑换…' : page.unanswered ? '重试兑换' : '确认兑换'}
          </Button>
          {!page.submitting && (
            <Text className="catalog-page__link" onClick={page.back}>
              返回
            </Text>
          )}
        </View>
      )}
      {state.status === 'ready' && !exchanged && !confirming && (
        <>
          <View className="catalog-points">
            <View>
              <Text className="catalog-points__label">可用积分</Text>
              <Text className="catalog-points__value">{formatPoints(state.pointsAvailable)}</Text>
            </View>
            <Text className="catalog-points__link" onClick={page.openPoints}>
              积分明细 ›
            </Text>
          </View>
          {page.error && <Text className="form-error">{page.error}</Text>}
          {state.items.length === 0 ? (
            <View className="catalog-page__panel">
              <Text className="catalog-page__empty">暂无可兑换的礼品</Text>
            </View>
          ) : (
            state.items.map((item) => (
              <CatalogItem key={item.id} item={item} pointsAvailable={state.pointsAvailable} onExchange={() => page.choose(item)} />
            ))
          )}
        </>
      )}
      <LocalIdentitySwitcher />
    </View>
  )
}

export default CatalogPage
