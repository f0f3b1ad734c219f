/**
 * Timer triggers — the place for them.
 *
 * CloudBase runs a function on each `config.json` trigger (`{ "triggers": [{ "name", "type": "timer",
 * "config": "0 0 2 * * * *" }] }`, 7-field cron: second minute hour day month weekday year, in UTC+8) with
 * TCB_SOURCE 'wx_trigger' and an event `{ Type: 'Timer', TriggerName, Time, Message }`.
 *
 * Today the local cloud fires timers only on request: `cloud.fireTimer(fn, triggerName, { clock })` (tests pick
 * the clock). A scheduler would parse the cron in Asia/Shanghai, compute the next fire time per trigger, and
 * call the same `fireTimer` — nothing else in the cloud needs to change.
 */
export const timerEvent = (triggerName: string, clock?: string) => ({
  Type: 'Timer',
  TriggerName: triggerName,
  Time: clock ?? new Date().toISOString(),
  Message: '',
})
