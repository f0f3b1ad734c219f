// One jest run, several projects: each kind of test in its own environment.
const nodeTs = { '^.+\\.(ts|tsx|js|mjs)$': '<rootDir>/test/support/esbuild-transform.cjs' }

// Taro/React code goes through babel with the project's own config (babel-preset-taro emits CommonJS under
// NODE_ENV=test). Taro's H5 runtime and its dependencies ship ES modules, so they are transformed too.
const taroBabel = { '^.+\\.(ts|tsx|js|jsx|mjs)$': ['babel-jest', { configFile: require('node:path').join(__dirname, 'babel.config.js') }] }
const ESM_PACKAGES = [
  '@tarojs',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'universal-router',
  'path-to-regexp',
  'nanoid',
  'style-inject',
  'tslib',
  '\\.pnpm',
]
const taroTransformIgnore = [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`]

/**
 * A project run with the host clock in `timeZone` (test/support/zoned-environment.cjs): named `<name>` in the
 * business zone, Asia/Shanghai, and `<name>@<zone>` elsewhere, so `--selectProjects unit` still picks one run.
 * `__HOST_TIME_ZONE__` lets test/unit/host-zone.test.ts check that the zone took.
 */
const BUSINESS_ZONE = 'Asia/Shanghai'
const inZone = (project, timeZone, environment) => ({
  ...project,
  displayName: timeZone === BUSINESS_ZONE ? project.displayName : `${project.displayName}@${timeZone}`,
  testEnvironment: `<rootDir>/test/support/zoned-${environment}-environment.cjs`,
  testEnvironmentOptions: { ...project.testEnvironmentOptions, timeZone },
  globals: { ...project.globals, __HOST_TIME_ZONE__: timeZone },
})

// The domain runs on phones in the shopper's zone and in cloud functions in UTC, and must read the same business
// clock in each: its tests run in zones with no offset, the business one, daylight saving north and south (Lord Howe
// moves by 30 minutes), and the furthest ahead (+14).
const UNIT_ZONES = [BUSINESS_ZONE, 'UTC', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Kiritimati']
const unit = { displayName: 'unit', roots: ['<rootDir>/test/unit'], transform: nodeTs }

// Taro pages and components on Taro's real H5 runtime and router, in jsdom.
const taro = {
  displayName: 'taro',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/taro'],
  testMatch: ['**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/test/taro/support/setup.ts'],
  transform: taroBabel,
  transformIgnorePatterns: taroTransformIgnore,
  // Platform files: `import './transport'` finds transport.h5.ts, as Taro's H5 build does.
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'mjs', 'json'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro/support/taro.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|scss)$': '<rootDir>/test/taro/support/style-stub.js',
  },
}

// The cloud functions are bundled once per run, for the projects whose tests serve build/cloudfunctions on a local
// cloud (jest runs each distinct globalSetup once, for the selected projects only).
const BUILD_FUNCTIONS_ONCE = '<rootDir>/test/support/build-functions-once.cjs'

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker less than the cores: 1 on a 2-core machine. Many files here spend part of their
  // time waiting (on the local cloud's simulated database latency, on Chromium, on a page settling), which a third
  // worker fills: on 2 cores, 2 workers kept 1.5 cores busy (313 s), 3 workers 1.7 (287 s).
  maxWorkers: require('node:os').availableParallelism() + 1,
  // A timeout only catches a hang (no test asserts speed): generous, so a loaded CI machine does not fail a test
  // that is merely slow.
  testTimeout: 30_000,
  // The default output, then the 15 slowest test files with their project (on stderr: --json output stays valid).
  reporters: ['default', '<rootDir>/test/support/slowest-reporter.cjs'],
  projects: [
    ...UNIT_ZONES.map((zone) => inZone(unit, zone, 'node')),
    {
      displayName: 'cloud',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/cloud', '<rootDir>/test/localcloud'],
      transform: nodeTs,
      globalSetup: BUILD_FUNCTIONS_ONCE,
      // Nothing leaves the machine: a file during which the test process tried to reach past 127.0.0.1 fails.
      setupFilesAfterEnv: ['<rootDir>/test/localcloud/no-network.setup.ts'],
    },
    {
      // The operators' desk (desk/): its forms' conversions and pure helpers; its pages run in test/e2e (desk-*.test.ts).
      displayName: 'desk',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/desk'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTs,
    },
    {
      // The desk's components rendered with testing-library in jsdom, with the desk's own React and TDesign (whose
      // `lib/` is ES modules: transformed, as every ESM dependency of it).
      displayName: 'desk-ui',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/desk'],
      testMatch: ['**/*.test.tsx'],
      transform: nodeTs,
      transformIgnorePatterns: ['/node_modules/(?!(tdesign-react|tdesign-icons-react|lodash-es|@babel/runtime/helpers/esm|dayjs/esm)/)'],
      moduleNameMapper: {
        '^react$': '<rootDir>/desk/node_modules/react',
        '^react/(.*)$': '<rootDir>/desk/node_modules/react/$1',
        '^react-dom$': '<rootDir>/desk/node_modules/react-dom',
        '^react-dom/(.*)$': '<rootDir>/desk/node_modules/react-dom/$1',
        '\\.(css|less)$': '<rootDir>/test/taro/support/style-stub.js',
      },
    },
    {
      // The lint's own rules proven to bite (the lint itself runs before jest, in `npm run lint`).
      displayName: 'lint',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/lint'],
      transform: nodeTs,
    },
    {
      // Bad input and faults on the local cloud: input fuzzing, forged identities, fault injection (FUZZ_RUNS).
      displayName: 'fuzz',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/fuzz'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTs,
      globalSetup: BUILD_FUNCTIONS_ONCE,
    },
    // The wording tests (src/wording: how pages show business dates on phones in any zone) need no Taro runtime:
    // they live in test/unit and so run in all six zones above.
    taro,
    {
      // The H5 build in Debian's Chromium against the local cloud (needs `npm run build` first).
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTs,
    },
    {
      // setData payloads of the compiled weapp pages (dist/ and the function bundles, built by `npm test` first):
      // Taro's runtime as shipped, the WeChat globals stubbed, the local cloud answering.
      displayName: 'perf',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/perf'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTs,
      // dist/ is already built JavaScript: run it as shipped.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
    {
      // The weapp as WeChat compiles and draws it: wcc/wcsc and the JSON schemas over dist/, stylelint over the
      // sources, each page drawn from wcc's templates with the data Taro set (compared with the H5 build in
      // Chromium), the walking-skeleton story tapped through the drawn tree, screenshots of the drawing.
      displayName: 'weapp',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/weapp'],
      testMatch: ['**/*.test.ts'],
      transform: nodeTs,
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
    {
      // The native member-code component under miniprogram-simulate (its own WXML compiler, in jsdom).
      displayName: 'native',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/native'],
      transform: taroBabel,
      // dist/ is already built JavaScript: run it as shipped.
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
    },
  ],
}
