// One jest run, several projects: each kind of test in its own environment.
const nodeTs = { '^.+\\.(ts|tsx|js|mjs)$': '<rootDir>/test/support/esbuild-transform.cjs' }

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      transform: nodeTs,
    },
    {
      displayName: 'cloud',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/cloud', '<rootDir>/test/localcloud'],
      transform: nodeTs,
    },
  ],
}
