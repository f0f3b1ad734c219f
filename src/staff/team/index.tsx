import { useEffect, useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import type { HandOverPreview, StaffRow, StaffView } from '../../api/contract'
import { Field } from '../../components/Field'
import { StatusScreen } from '../../components/StatusScreen'
import { dateText } from '../../wording/dates'
import { StaffDesk } from '../shared/StaffDesk'
import { useTeam } from './useTeam'
import '../../components/Workbench/workbench.scss'
import './index.scss'

const ROLE_WORDS = { assistant: '导购', manager: '店长' } as const

/** "本店员工": a store manager's team — invite a shop assistant, deactivate one who left, hand over their customers. */
const TeamPage = () => (
  <StaffDesk>
    {(staff) =>
      staff.role === 'manager' ? (
        <Team me={staff} />
      ) : (
        <StatusScreen mark="限" title="仅限店长使用" message="邀请、停用导购和移交顾客由店长操作。如需帮助，请联系店长。" />
      )
    }
  </StaffDesk>
)

const Team = ({ me }: { me: StaffView }) => {
  const team = useTeam()
  const [leaver, setLeaver] = useState<StaffRow | null>(null)
  const { state, shown } = team
  if (state.status === 'loading') return <Text className="wb-section__empty">正在加载…</Text>
  if (state.status === 'failed')
    return (
      <View className="desk__panel">
        <Text className="form-error">{state.message}</Text>
        <Button className="btn btn--secondary desk__action" onClick={() => void team.reload()}>
          重新加载
        </Button>
      </View>
    )
  if (shown) {
    const { invitation } = shown
    return (
      <View className="desk__panel team-invitation">
        <Text className="team-invitation__title">{`请${invitation.name}用微信扫码`}</Text>
        {shown.qr ? (
          <Image className="team-invitation__qr" src={shown.qr} mode="aspectFit" />
        ) : (
          <Text className={shown.qrError ? 'form-error' : 'wb-section__empty'}>{shown.qrError ?? '正在生成小程序码…'}</Text>
        )}
        <Text className="team-invitation__code">{invitation.code}</Text>
        <Text className="desk__note">{`扫码后确认即成为${ROLE_WORDS.assistant}${invitation.kind === 'staff' ? `（工号 ${invitation.staffId}）` : ''}。${dateText(invitation.expiresAt, 'nearTime')}前有效，只能使用一次；也可在「接受邀请」页输入上面的邀请码。`}</Text>
        <Button className="btn btn--primary desk__action" onClick={team.hide}>
          完成
        </Button>
      </View>
    )
  }
  if (leaver) {
    const colleagues = state.staff.filter((s) => s.active && s.staffId !== leaver.staffId)
    return <HandOver leaver={leaver} colleagues={colleagues} team={team} onClose={() => setLeaver(null)} />
  }
  return (
    <>
      <View className="desk__panel">
        <Text className="wb-section__title">{`本店员工（${state.staff.filter((s) => s.active).length} 位在职）`}</Text>
        {state.staff.map((person) => (
          <View key={person.staffId} className={`team-row${person.active ? '' : ' team-row--off'}`}>
            <View className="team-row__who">
              <Text className="team-row__name">{`${person.name}（${person.staffId}）`}</Text>
              <Text className="team-row__line">
                {`${ROLE_WORDS[person.role]} · 顾客 ${person.customers} 位${person.active ? '' : ' · 已停用'}`}
              </Text>
            </View>
            <View className="team-row__actions">
              {person.customers > 0 && person.staffId !== me.staffId && (
                <Text className="team-row__action" onClick={() => setLeaver(person)}>
                  移交顾客
                </Text>
              )}
              {person.active && person.role === 'assistant' && (
                <Text className="team-row__action team-row__action--danger" onClick={() => void team.deactivate(person)}>
                  停用
                </Text>
              )}
            </View>
          </View>
        ))}
        {team.errors.form && <Text className="form-error">{team.errors.form}</Text>}
      </View>
      <Invite team={team} />
      {state.invitations.length > 0 && (
        <View className="desk__panel">
          <Text className="wb-section__title">待接受的邀请</Text>
          {state.invitations.map((inv) => (
            <View key={inv.code} className="team-row" onClick={() => void team.show(inv)}>
              <View className="team-row__who">
                <Text className="team-row__name">{`${inv.name}（${inv.kind === 'staff' ? inv.staffId : ''}）`}</Text>
                <Text className="team-row__line">{`${dateText(inv.expiresAt, 'nearTime')}前有效`}</Text>
              </View>
              <Text className="team-row__action">显示二维码</Text>
            </View>
          ))}
        </View>
      )}
    </>
  )
}

const Invite = ({ team }: { team: ReturnType<typeof useTeam> }) => {
  const [name, setName] = useState('')
  const [staffId, setStaffId] = useState('')
  const invite = async () => {
    if (await team.invite(name.trim(), staffId.trim().toUpperCase())) {
      setName('')
      setStaffId('')
    }
  }
  return (
    <View className="desk__panel">
      <Text className="wb-section__title">邀请新导购</Text>
      <Field label="姓名" error={team.errors.name}>
        <Input className="field__input" value={name} maxlength={20} placeholder="新导购的姓名" onInput={(e) => setName(e.detail.value)} />
      </Field>
      <Field label="工号" error={team.errors.staffId} hint="字母开头，例如 A07；工号不可重复使用">
        <Input className="field__input" value={staffId} maxlength={12} placeholder="例如 A07" onInput={(e) => setStaffId(e.detail.value)} />
      </Field>
      <Button className="btn btn--primary desk__action" loading={team.busy} disabled={team.busy} onClick={() => void invite()}>
        生成邀请二维码
      </Button>
    </View>
  )
}

interface HandOverProps {
  leaver: StaffRow
  colleagues: StaffRow[]
  team: ReturnType<typeof useTeam>
  onClose: () => void
}

/** Choose one or several colleagues, see who gets how many, then hand over (the customers are dealt in turn). */
const HandOver = ({ leaver, colleagues, team, onClose }: HandOverProps) => {
  const [chosen, setChosen] = useState<string[]>([])
  const [preview, setPreview] = useState<HandOverPreview | null>(null)
  const { preview: ask } = team
  useEffect(() => {
    let current = true
    setPreview(null)
    void ask(leaver.staffId, chosen).then((p) => current && setPreview(p))
    return () => {
      current = false
    }
    // `ask` is a new function each render; the preview depends on the choice only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leaver.staffId, chosen])
  const confirm = async () => {
    if (await team.handOver(leaver.staffId, chosen)) onClose()
  }
  return (
    <View className="desk__panel">
      <Text className="wb-section__title">{`移交${leaver.name}的 ${leaver.customers} 位顾客`}</Text>
      {colleagues.length === 0 ? (
        <Text className="wb-section__empty">本店没有其他在职员工，请先邀请新导购。</Text>
      ) : (
        <View className="team-choices">
          {colleagues.map((s) => {
            const on = chosen.includes(s.staffId)
            return (
              <View
                key={s.staffId}
                className={`team-choice${on ? ' team-choice--on' : ''}`}
                onClick={() => setChosen((now) => (now.includes(s.staffId) ? now.filter((id) => id !== s.staffId) : [...now, s.staffId]))}
              >
                <Text className="team-choice__tick">{on ? '✓' : ''}</Text>
                <Text>{`${s.name}（${ROLE_WORDS[s.role]}，现有顾客 ${s.customers} 位）`}</Text>
              </View>
            )
          })}
        </View>
      )}
      {team.errors.toStaffIds && <Text className="form-error">{team.errors.toStaffIds}</Text>}
      <Text className="desk__note">
        {preview
          ? `将移交：${preview.shares.map((s) => `${s.name} ${s.customers} 位`).join('，')}`
          : '可选多位同事：顾客轮流分给每位。移交后由新导购负责回访。'}
      </Text>
      {team.errors.form && <Text className="form-error">{team.errors.form}</Text>}
      <Button
        className="btn btn--primary desk__action"
        loading={team.busy}
        disabled={team.busy || chosen.length === 0}
        onClick={() => void confirm()}
      >
        确认移交
      </Button>
      <Button className="btn btn--secondary desk__action" onClick={onClose}>
        返回
      </Button>
    </View>
  )
}

export default TeamPage
