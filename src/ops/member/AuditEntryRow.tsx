import { Text, View } from '@tarojs/components'
import type { AuditEntry } from '../../api/contract'
import { auditTime, entryDirection } from '../../wording/ledger'
import { formatPoints, signedPoints } from '../../wording/points'

/** One ledger entry as the audit reads it: what, how many, the balance after, who, when, and from what. */
export const AuditEntryRow = ({ entry }: { entry: AuditEntry }) => (
  <View className="audit-entry">
    <View className="audit-entry__top">
      <Text className="audit-entry__reason">{entry.reason}</Text>
      <Text className={`audit-entry__points audit-entry__points--${entryDirection(entry.points)}`}>{signedPoints(entry.points)}</Text>
    </View>
    <View className="audit-entry__top">
      <Text className="audit-entry__detail">{entry.detail ?? ''}</Text>
      <Text className="audit-entry__balance">{`剩余 ${formatPoints(entry.balanceAfter)}`}</Text>
    </View>
    <Text className="audit-entry__meta">{`${entry.actor} · ${auditTime(entry.at)}`}</Text>
    <Text className="audit-entry__source">{entry.source}</Text>
  </View>
)
