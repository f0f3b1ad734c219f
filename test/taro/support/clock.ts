/**
 * Sets the phone's clock (Date only; timers stay real so pages load as usual). Pages must show tiers and
 * dates by the server's clock, so tests put the phone's clock somewhere else on purpose.
 */
export const setPhoneClock = (isoInstant: string): void => {
  jest.useFakeTimers({
    now: new Date(isoInstant),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  })
}
