import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { StatusScreen } from '../../components/StatusScreen'
import { eventWhen } from '../../wording/events'
import { formatPoints } from '../../wording/points'
import { StaffDesk } from '../shared/StaffDesk'
import { DoorResult } from './DoorResult'
import { guestCounts, guestState } from './doorForm'
import { useDoor } from './useDoor'
import './index.scss'

// Only WeChat has a camera scanner; the H5 preview types the code.
const CAN_SCAN = process.env.TARO_ENV === 'weapp'

/** An event's door screen: check tickets in, and the guest list with who has arrived. */
const DoorPage = () => {
  const door = useDoor()
  const { list, code, outcome } = door
  return (
    <StaffDesk>
      {list.status === 'loading' && <StatusScreen mark="…" title="正在加载签到名单" />}
      {list.status === 'failed' && (
        <StatusScreen mark="!" title="签到名单暂时打不开" message={list.message}>
          <Button className="btn btn--primary" onClick={door.retry}>
            重新加载
          </Button>
        </StatusScreen>
      )}
      {list.status === 'ready' && (
        <>
          <View className="desk__panel door-event">
            <Text className="door-event__title">{list.event.title}</Text>
            <Text className="door-event__when">{eventWhen(list.event)}</Text>
          </View>

          <View className="desk__panel">
            <Text className="desk__step">扫码签到</Text>
            {outcome && <DoorResult outcome={outcome} />}
            <Field label="票码" error={code.error} hint="扫描会员出示的活动票券，或输入 10 位票码">
              <Input
                className="field__input"
                placeholderClass="field__placeholder"
                placeholder="10 位票码"
                type="number"
                value={code.text}
                onInput={(e) => code.change(e.detail.value)}
                onConfirm={code.checkIn}
              />
            </Field>
            <View className="desk__row">
              {CAN_SCAN && (
                <Button className="btn btn--secondary desk__half" onClick={code.scan}>
                  扫码
                </Button>
              )}
              <Button className="btn btn--primary desk__half" onClick={code.checkIn}>
                {code.checking ? '签到中…' : '签到'}
              </Button>
            </View>
          </View>

          <GuestList door={door} />
        </>
      )}
    </StaffDesk>
  )
}

/** Who is expected, who has arrived (and when), who waits; the seats still free. */
const GuestList = ({ door }: { door: ReturnType<typeof useDoor> }) => {
  if (door.list.status !== 'ready') return null
  const { event, guests } = door.list
  const counts = guestCounts(guests)
  return (
    <View className="desk__panel">
      <View className="guest-list__head">
        <Text className="desk__step guest-list__step">签到名单</Text>
        <Text className="guest-list__refresh" onClick={door.refresh}>
          {door.refreshing ? '刷新中…' : '刷新'}
        </Text>
      </View>
      <Text className="guest-list__counts">
        {[
          `已到 ${formatPoints(counts.arrived)}/${formatPoints(counts.expected)} 人`,
          `剩余名额 ${formatPoints(event.seatsLeft)}`,
          counts.waiting > 0 ? `候补 ${formatPoints(counts.waiting)} 人` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {guests.length === 0 ? (
        <Text className="guest-list__empty">还没有会员报名</Text>
      ) : (
        guests.map((guest) => {
          const state = guestState(guest)
          return (
            <View key={`${guest.memberNo}-${guest.status}`} className={`guest-row guest-row--${state.kind}`}>
              <View className="guest-row__main">
                <Text className="guest-row__name">{guest.name}</Text>
                <Text className="guest-row__line">{`${guest.mobileMasked} · ${guest.seats} 人`}</Text>
              </View>
              <Text className="guest-row__state">{state.text}</Text>
            </View>
          )
        })
      )}
    </View>
  )
}

export default DoorPage
