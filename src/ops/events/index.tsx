import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { ROUTES } from '../../routes'
import { audienceText, deadlinesLine, eventWhen, perksLine } from '../../wording/events'
import { formatPoints } from '../../wording/points'
import { OpsDesk } from '../shared/OpsDesk'
import { OpsNav } from '../shared/OpsNav'
import { EventForm } from './EventForm'
import { EventManager } from './EventManager'
import { useEventManager } from './useEventManager'
import { useOpsEvent } from './useOpsEvent'
import './index.scss'
import { ConfirmActions } from '../shared/ConfirmActions'

const OpsEventPage = () => {
  const page = useOpsEvent()
  const manager = useEventManager()
  const { confirming, created } = page
  // An event made here is upcoming too: it joins the list without a reload.
  useEffect(() => {
    if (created) manager.added(created.event)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per event made; `manager` is a new object each render
  }, [created])
  return (
    <OpsDesk title="会员活动">
      {() => (
        <>
          <OpsNav current={ROUTES.opsEvents} />
          <EventManager manager={manager} />
          <View className="ops-page__panel">
            <Text className="ops-page__step">新建会员活动</Text>
            {created && (
              <Text className="ops-page__done">
                {`已创建「${created.event.title}」${created.replayed ? '（重复提交，未再次创建）' : ''}，会员可在「会员活动」报名`}
              </Text>
            )}
            {confirming ? (
              <>
                <View className="ops-confirm">
                  <Text className="ops-confirm__title">{confirming.title}</Text>
                  <Text className="ops-confirm__line">{`${eventWhen(confirming)} · 门店 ${confirming.storeId}`}</Text>
                  <Text className="ops-confirm__line">{`${formatPoints(confirming.capacity)} 个名额 · ${audienceText(confirming.tiers)}`}</Text>
                  <Text className="ops-confirm__line">{deadlinesLine(confirming)}</Text>
                  <Text className="ops-confirm__line">{perksLine(confirming) ?? '签到不赠送积分 · 仅限会员本人'}</Text>
                  <Text className="ops-confirm__line">创建后会员即可报名</Text>
                </View>
                <ConfirmActions verb="创建" retryIsSafe="同一个活动不会重复创建" error={page.errors.form} flow={page} />
              </>
            ) : (
              <EventForm page={page} />
            )}
          </View>
        </>
      )}
    </OpsDesk>
  )
}

export default OpsEventPage
