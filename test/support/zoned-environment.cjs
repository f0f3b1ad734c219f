/**
 * A jest test environment whose host clock is in the time zone its project names
 * (`testEnvironmentOptions.timeZone`), for the unit project's runs in several zones (jest.config.js).
 *
 * A setup file cannot do it: jest gives each test file a copy of `process.env`, so setting TZ there changes
 * nothing. The environment runs in the worker itself, where assigning `process.env.TZ` makes Node re-read the
 * zone for `Date` and `Intl` (main thread; jest's workers are child processes). It is set before the test file's
 * copy of the environment is made, and the worker's own zone is put back when the file is done, since a worker
 * runs files of other projects too. `test/unit/host-zone.test.ts` checks that it took.
 */
const zoned = (Base) =>
  class ZonedEnvironment extends Base {
    constructor(config, context) {
      const timeZone = config.projectConfig.testEnvironmentOptions.timeZone
      if (typeof timeZone !== 'string' || !timeZone) throw new Error('zoned-environment: set testEnvironmentOptions.timeZone')
      const workerTimeZone = process.env.TZ
      process.env.TZ = timeZone
      super(config, context)
      this.workerTimeZone = workerTimeZone
    }

    async teardown() {
      await super.teardown()
      if (this.workerTimeZone === undefined) delete process.env.TZ
      else process.env.TZ = this.workerTimeZone
    }
  }

module.exports = { zoned }
