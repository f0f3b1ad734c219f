import { Button, Text, View } from '@tarojs/components'
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

const OpsEventPage = () => {
  const page = useOpsEvent()
  const manager = useEventManager()
  const { confirming, created } = page
  // An event made here is upcoming too: it joins the list without a reload.
  useEffect(() => {
    if (created) manager.added(created.event)
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
                {page.errors.form && <Text className="form-error">{page.errors.form}</Text>}
                {page.unanswered && <Text className="ops-page__note">未收到结果，可放心重试：同一个活动不会重复创建。</Text>}
                <Button
                  className={`btn btn--primary ops-page__action${page.submitting ? ' btn--disabled' : ''}`}
                  disabled={page.submitting}
                  onClick={page.confirm}
                >
                  {page.submitting ? '正在创建…' : page.unanswered ? '重试创建' : '确认创建'}
                </Button>
                {!page.submitting && (
                  <Text className="ops-page__link" onClick={page.back}>
                    返回修改
                  </Text>
                )}
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
