// jest-environment-jsdom with the project's time zone (see zoned-environment.cjs).
module.exports = require('./zoned-environment.cjs').zoned(require('jest-environment-jsdom').TestEnvironment)
