import { Text, View } from '@tarojs/components'
import { LocalIdentitySwitcher } from '../../components/LocalIdentitySwitcher'
import { LoadStatus } from '../../components/StatusScreen'
import { TIER_NAMES } from '../../domain/program'
import { callCloud } from '../../services/cloud'
import { handbookOf, type HandbookSection, type RuleNews } from '../../wording/handbook'
import { useLoaded } from '../useLoaded'
import './index.scss'

const News = ({ news }: { news: RuleNews[] }) =>
  news.length ? (
    <View className="handbook__news">
      {news.map((n) => (
        <View key={n.text} className="handbook__news-row">
          <Text className="handbook__news-tag">新规则</Text>
          <Text className="handbook__news-text">{n.text}</Text>
          <Text className="handbook__news-date">{n.effective}</Text>
        </View>
      ))}
    </View>
  ) : null

const Section = ({ section, children }: { section: HandbookSection; children?: React.ReactNode }) => (
  <View className={`handbook__panel handbook__panel--${section.id}`}>
    <Text className="handbook__title">{section.title}</Text>
    <News news={section.news} />
    {section.lines.map((line) => (
      <Text key={line} className="handbook__line">
        {line}
      </Text>
    ))}
    {children}
  </View>
)

/** 会员手册: generated from the live program rules (member.handbook), the reader's place marked on the ladder. */
const HandbookPage = () => {
  const { state, retry } = useLoaded(() => callCloud('member', 'handbook', {}))
  if (state.status !== 'ready') {
    return (
      <View className="handbook">
        <LoadStatus state={state} loading="正在打开会员手册" failed="会员手册暂时打不开" onRetry={retry} />
        <LocalIdentitySwitcher />
      </View>
    )
  }
  const book = handbookOf(state.data)
  const byId = Object.fromEntries(book.sections.map((s) => [s.id, s])) as Record<HandbookSection['id'], HandbookSection>
  return (
    <View className="handbook">
      <View className="handbook__head">
        <Text className="handbook__head-title">VIP会员手册</Text>
        <Text className="handbook__head-sub">以下规则随品牌最新设置实时更新</Text>
        {book.position && <Text className="handbook__position">{book.position}</Text>}
        {book.nextStep && <Text className="handbook__next">{book.nextStep}</Text>}
      </View>

      <Section section={byId.tiers}>
        <View className="ladder">
          {[...book.ladder].reverse().map((step) => (
            <View key={step.tier} className={`ladder__step ladder__step--${step.tier}${step.mine ? ' ladder__step--mine' : ''}`}>
              <View className="ladder__top">
                <Text className="ladder__name">{step.name}</Text>
                {step.mine && <Text className="ladder__mine">我在这里</Text>}
              </View>
              <Text className="ladder__row">{`条件：${step.condition}`}</Text>
              <Text className="ladder__row">{`有效期：${step.validity}`}</Text>
              <Text className="ladder__row">{`积分：${step.earning}`}</Text>
            </View>
          ))}
        </View>
      </Section>

      <Section section={byId.services}>
        {book.benefits.length > 0 && (
          <View className="benefits">
            <View className="benefits__row benefits__row--head">
              <Text className="benefits__title">服务</Text>
              {book.benefits[0].tiers.map((t) => (
                <Text key={t.tier} className="benefits__tier">
                  {TIER_NAMES[t.tier].replace('会员', '')}
                </Text>
              ))}
            </View>
            {book.benefits.map((b) => (
              <View key={b.title} className={`benefits__row${b.mine ? ' benefits__row--mine' : ''}`}>
                <View className="benefits__title">
                  <Text className="benefits__name">{b.title}</Text>
                  {b.detail && <Text className="benefits__detail">{b.detail}</Text>}
                </View>
                {b.tiers.map((t) => (
                  <Text key={t.tier} className={`benefits__tier${t.has ? ' benefits__tier--has' : ''}`}>
                    {t.has ? '✓' : '—'}
                  </Text>
                ))}
              </View>
            ))}
          </View>
        )}
      </Section>

      <Section section={byId.points} />
      <Section section={byId.birthday} />
      <Section section={byId.referral} />
      <Section section={byId.join} />
      <LocalIdentitySwitcher />
    </View>
  )
}

export default HandbookPage
