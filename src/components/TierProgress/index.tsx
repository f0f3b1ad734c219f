import { Text, View } from '@tarojs/components'
import type { TierProgress as Progress } from '../../domain/tiers'
import { progressWording } from '../../wording/tiers'
import './index.scss'

/** Amounts and dates: set in bold and never split across lines ("2028-\n09-24" reads badly). */
const FIGURE = /(¥[\d,]+(?:\.\d+)?|\d{4}-\d{2}-\d{2})/

const WithFigures = ({ text }: { text: string }) => (
  <>
    {text.split(FIGURE).map((part, i) =>
      // split() with a capture group puts the matches at the odd indexes.
      i % 2 === 1 ? (
        <Text key={i} className="tier-progress__figure">
          {part}
        </Text>
      ) : (
        part
      ),
    )}
  </>
)

/** The next step toward a better tier, in words and as a bar (gold has no next step, so no bar). */
export const TierProgress = ({ progress }: { progress: Progress }) => {
  const { headline, detail, ratio } = progressWording(progress)
  return (
    <View className={`tier-progress tier-progress--${progress.tier}`}>
      <Text className="tier-progress__title">会员成长</Text>
      <Text className="tier-progress__headline">
        <WithFigures text={headline} />
      </Text>
      {progress.tier !== 'gold' && (
        <View className="tier-progress__track">
          <View className="tier-progress__fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
        </View>
      )}
      {detail && (
        <Text className="tier-progress__detail">
          <WithFigures text={detail} />
        </Text>
      )}
    </View>
  )
}
