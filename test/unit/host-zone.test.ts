// The unit project runs once per host time zone (jest.config.js). This checks that each run's host clock is in the
// zone its project names, so a setup that silently left every run in one zone fails here rather than proving nothing.
declare const __HOST_TIME_ZONE__: string | undefined

/** Minutes `getTimezoneOffset` gives at local midnight on 1 January and 1 July 2026 (west of UTC is positive). */
const OFFSETS: Record<string, [january: number, july: number]> = {
  UTC: [0, 0],
  'Asia/Shanghai': [-480, -480],
  'America/Los_Angeles': [480, 420],
  'Europe/London': [0, -60],
  'Australia/Lord_Howe': [-660, -630],
  'Pacific/Kiritimati': [-840, -840],
}

it('runs with the host clock in the time zone its project names', () => {
  const zone = typeof __HOST_TIME_ZONE__ === 'string' ? __HOST_TIME_ZONE__ : 'none named'
  expect(Object.keys(OFFSETS)).toContain(zone)
  expect([new Date(2026, 0, 1).getTimezoneOffset(), new Date(2026, 6, 1).getTimezoneOffset()]).toEqual(OFFSETS[zone])
  expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone === 'UTC' ? 'UTC' : zone)
})
