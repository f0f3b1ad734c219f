import { Text, View } from '@tarojs/components'
import type { CatalogItemView } from '../../api/contract'
import { Picture } from '../../components/Picture'
import { accessWording } from '../../wording/coupons'
import { formatPoints } from '../../wording/points'
import { exchangeBlock, itemLimits } from './exchangeForm'

interface Props {
  item: CatalogItemView
  pointsAvailable: number
  onExchange: () => void
}

/** One thing points buy: what, for how many points, what limits it, when it opens, and the button. */
export const CatalogItem = ({ item, pointsAvailable, onExchange }: Props) => {
  const access = accessWording(item.access, '兑换')
  const block = exchangeBlock(item, pointsAvailable)
  const limits = itemLimits(item)
  return (
    <View className={`catalog-item${block ? ' catalog-item--blocked' : ''}`}>
      <Picture className="catalog-item__picture" src={item.imageUrl} label={item.benefitText} />
      <View className="catalog-item__head">
        <Text className="catalog-item__title">{item.title}</Text>
        {access.open && access.vipEarly && <Text className="vip-early">VIP抢先</Text>}
      </View>
      <Text className="catalog-item__benefit">{item.benefitText}</Text>
      {item.description && <Text className="catalog-item__description">{item.description}</Text>}
      {limits && <Text className="catalog-item__limits">{limits}</Text>}
      {access.line && <Text className={`catalog-item__access${access.open ? '' : ' catalog-item__access--closed'}`}>{access.line}</Text>}
      <View className="catalog-item__foot">
        <Text className="catalog-item__price">
          {formatPoints(item.pointsPrice)}
          <Text className="catalog-item__unit"> 积分</Text>
        </Text>
        <Text className={`catalog-item__button${block ? ' catalog-item__button--off' : ''}`} onClick={block ? undefined : onExchange}>
          {block ?? '兑换'}
        </Text>
      </View>
    </View>
  )
}
