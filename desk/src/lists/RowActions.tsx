/**
 * A table row's text buttons: the page's own (名单, 专属码…), 编辑, and one state switch (停用 / 启用, 下架 / 上架,
 * 结束, 停止报名). The switch asks first when the page gives it words to ask with, and shows it is working until the
 * page's action ends. Clicks stay in the buttons: a row that opens a page on click does not open it too.
 */
import { Button, DialogPlugin, Space } from 'tdesign-react'

export interface RowButton {
  label: string
  onClick: () => void
  danger?: boolean
}

export interface StateSwitch {
  label: string
  /** What the confirm dialog says; none: the switch acts at once. */
  confirm?: { header: string; body: string; button?: string }
  run: () => Promise<unknown>
}

interface Props {
  extra?: RowButton[]
  onEdit?: () => void
  /** `active`'s side is the one shown: `off` (停用) while active, `on` (启用) while not; a missing side shows nothing. */
  toggle?: { active: boolean; off?: StateSwitch; on?: StateSwitch }
}

const ask = (side: StateSwitch, danger: boolean) => {
  const { header, body, button } = side.confirm!
  const dialog = DialogPlugin.confirm({
    header,
    body,
    theme: danger ? 'warning' : 'default',
    confirmBtn: { content: button ?? `确认${side.label}`, theme: danger ? 'danger' : 'primary' },
    onConfirm: () => {
      dialog.update({ confirmBtn: { content: `正在${side.label}…`, theme: danger ? 'danger' : 'primary', loading: true } })
      void side.run().finally(() => dialog.destroy())
    },
    onClose: () => dialog.destroy(),
  })
}

export const RowActions = ({ extra = [], onEdit, toggle }: Props) => {
  const side = toggle ? (toggle.active ? toggle.off : toggle.on) : undefined
  const danger = Boolean(toggle?.active)
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Space size={4}>
        {extra.map((b) => (
          <Button key={b.label} variant="text" theme={b.danger ? 'danger' : 'primary'} onClick={b.onClick}>
            {b.label}
          </Button>
        ))}
        {onEdit && (
          <Button variant="text" theme="primary" onClick={onEdit}>
            编辑
          </Button>
        )}
        {side && (
          <Button variant="text" theme={danger ? 'danger' : 'primary'} onClick={() => (side.confirm ? ask(side, danger) : void side.run())}>
            {side.label}
          </Button>
        )}
      </Space>
    </span>
  )
}
