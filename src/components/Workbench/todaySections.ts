/**
 * The sections of "今日与本月", apart from Taro: which list, its title and hint (thresholds from the server's
 * answer, never assumed), what each row says, and what an empty section says.
 */
import type { CustomerView, TodayView } from '../../api/contract'
import { birthdayLine, dueText, lapsingText, monthText, notSeenText } from '../../wording/workbench'

export interface TodaySection {
  key: 'birthdays' | 'lapsing' | 'drifting' | 'lost' | 'callbacksDue'
  title: string
  hint: string
  empty: string
  customers: CustomerView[]
  line: (c: CustomerView) => string
}

export const todaySections = (t: TodayView): TodaySection[] => {
  const [near, far] = t.thresholds.winBackDays
  const now = t.serverTime
  return [
    {
      key: 'birthdays',
      title: '本月生日',
      hint: `${monthText(t.month)}过生日的顾客：送上祝福，提醒生日礼券`,
      empty: '本月没有顾客过生日',
      customers: t.birthdays,
      line: (c) => birthdayLine(c, now),
    },
    {
      key: 'lapsing',
      title: '即将到期VIP',
      hint: `${t.thresholds.lapseWarningDays} 天内VIP到期，消费满额可续期`,
      empty: `${t.thresholds.lapseWarningDays} 天内没有VIP到期`,
      customers: t.lapsing,
      line: (c) => lapsingText(c, now),
    },
    {
      key: 'drifting',
      title: `${near}天未到店`,
      hint: `${near}–${far} 天没有到店：新品或活动邀请回店`,
      empty: `没有 ${near}–${far} 天未到店的顾客`,
      customers: t.drifting,
      line: (c) => notSeenText(c, now),
    },
    {
      key: 'lost',
      title: `${far}天未到店`,
      hint: `${far} 天以上没有到店：了解原因，争取回来`,
      empty: `没有 ${far} 天以上未到店的顾客`,
      customers: t.lost,
      line: (c) => notSeenText(c, now),
    },
    {
      key: 'callbacksDue',
      title: '待回访',
      hint: '今天及之前应回访的顾客',
      empty: '今天没有待回访的顾客',
      customers: t.callbacksDue,
      line: (c) => dueText(c, now),
    },
  ]
}
