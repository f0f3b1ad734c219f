// Jest globalSetup: bundles the cloud functions once per run, before any test file starts a local cloud (each file
// used to bundle them again). Workers inherit the environment variable and skip their own build.
module.exports = async () => {
  const { register } = require('tsx/cjs/api')
  const unregister = register()
  try {
    const { buildFunctions } = require('../../scripts/build-functions.ts')
    await buildFunctions()
  } finally {
    unregister()
  }
  process.env.VIPCARD_FUNCTIONS_BUILT = '1'
}
