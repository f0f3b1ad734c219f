import { Text, View } from '@tarojs/components'
import type { PointsHistoryEntry } from '../../api/contract'
import { entryDirection, entryTime } from '../../wording/ledger'
import { formatPoints, signedPoints } from '../../wording/points'

/** One ledger line: what happened and where, when; the points it moved and the balance after it. */
export const HistoryEntry = ({ entry }: { entry: PointsHistoryEntry }) => (
  <View className="history-entry">
    <View className="history-entry__main">
      <Text className="history-entry__reason">{entry.reason}</Text>
      {entry.detail && <Text className="history-entry__detail">{entry.detail}</Text>}
      <Text className="history-entry__time">{entryTime(entry.at)}</Text>
    </View>
    <View className="history-entry__side">
      <Text className={`history-entry__points history-entry__points--${entryDirection(entry.points)}`}>{signedPoints(entry.points)}</Text>
      <Text className="history-entry__balance">{`剩余 ${formatPoints(entry.balanceAfter)}`}</Text>
    </View>
  </View>
)
