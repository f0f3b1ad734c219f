/**
 * The deploy plan (scripts/deploy/plan.ts): a valid plan passes; each kind of broken plan is refused with a
 * code and a message naming what to fix. The plan is pure: these inputs stand for what read.ts finds.
 */
import { cronProblem } from '../../localcloud/cloudbaseCron'
import { buildPlan, formatPlan, type PlanInputs, type PlanProblemCode } from '../../scripts/deploy/plan'
import { readCollections, readCollectionsInCode, readFunctions } from '../../scripts/deploy/read'

const KB = 1024

const validInputs = (): PlanInputs => ({
  functions: [
    {
      name: 'member',
      bundleBytes: 70 * KB,
      config: { timeout: 10, permissions: { openapi: ['subscribeMessage.send', 'wxacode.getUnlimited'] }, triggers: [] },
    },
    {
      name: 'jobs',
      bundleBytes: 60 * KB,
      config: { timeout: 60, permissions: { openapi: [] }, triggers: [{ name: 'upkeep', type: 'timer', config: '0 5 * * * * *' }] },
    },
  ],
  collections: [
    {
      file: 'members',
      json: {
        name: 'members',
        description: 'one per member',
        indexes: [
          { name: 'memberNo_unique', keys: [{ field: 'memberNo', direction: 1 }], unique: true },
          { name: 'birthday_month', keys: [{ field: 'birthday.month', direction: 1 }], unique: false },
        ],
        rules: { read: 'doc._id == auth.openid', write: false },
      },
    },
    {
      file: 'ledger',
      json: {
        name: 'ledger',
        description: 'entries',
        indexes: [
          {
            name: 'memberId_at',
            keys: [
              { field: 'memberId', direction: 1 },
              { field: 'at', direction: -1 },
            ],
            unique: false,
          },
        ],
        rules: { read: false, write: false },
      },
    },
  ],
  collectionsInCode: ['ledger', 'members'],
  weapp: { main: 420 * KB, sub: { 'staff/': 120 * KB, 'ops/': 200 * KB } },
  env: {},
  uploadKeyReadable: null,
  customLoginKey: null,
  desk: { firstLoadBytes: 200 * KB },
  dryRun: true,
})

const codes = (inputs: PlanInputs) => buildPlan(inputs).problems.map((p) => p.code)
const refusal = (inputs: PlanInputs, code: PlanProblemCode) => {
  const found = buildPlan(inputs).problems.filter((p) => p.code === code)
  expect(found).not.toHaveLength(0)
  return found.map((p) => p.message).join('\n')
}

describe('a valid plan', () => {
  it('passes, and carries every function, trigger, permission, collection, index and rule', () => {
    const { plan, problems } = buildPlan(validInputs())
    expect(problems).toEqual([])
    expect(plan.functions.map((f) => f.name)).toEqual(['jobs', 'member'])
    expect(plan.functions[0]).toMatchObject({
      runtime: 'Nodejs16.13',
      timeoutSeconds: 60,
      triggers: [{ name: 'upkeep', type: 'timer', cron: '0 5 * * * * *' }],
    })
    expect(plan.functions[1].openapi).toEqual(['subscribeMessage.send', 'wxacode.getUnlimited'])
    const members = plan.collections.find((c) => c.name === 'members')!
    expect(members.indexes).toEqual([
      { name: 'memberNo_unique', keys: [{ field: 'memberNo', direction: 1 }], unique: true },
      { name: 'birthday_month', keys: [{ field: 'birthday.month', direction: 1 }], unique: false },
    ])
    expect(members.rules).toEqual({ read: 'doc._id == auth.openid', write: false })
  })

  it('prints sizes against the budgets, timers with their cron, unique indexes and rules', () => {
    const text = formatPlan(buildPlan(validInputs()).plan).join('\n')
    expect(text).toContain('member   70.0 KB (47% of budget), timeout 10 s')
    expect(text).toContain('open API: subscribeMessage.send, wxacode.getUnlimited')
    expect(text).toContain('timer upkeep: "0 5 * * * * *"')
    expect(text).toContain('unique memberNo_unique: memberNo asc')
    expect(text).toContain('rules read "doc._id == auth.openid", write false')
    expect(text).toContain('main package 420.0 KB (budget 500.0 KB)')
    expect(text).toContain('subpackage ops/ 200.0 KB')
  })

  it("holds for the repository's own config.json files and collection definitions", () => {
    const inputs: PlanInputs = {
      ...validInputs(),
      functions: readFunctions().map((f) => ({ ...f, bundleBytes: 1 })), // sizes are the build's, checked by the dry run
      collections: readCollections(),
      collectionsInCode: readCollectionsInCode(),
    }
    expect(buildPlan(inputs).problems).toEqual([])
    // The pos function is served by the HTTP access service: the plan creates its path, and the dry run says so.
    const { plan } = buildPlan(inputs)
    expect(plan.functions.find((f) => f.name === 'pos')?.httpPaths).toEqual(['/pos'])
    expect(formatPlan(plan).join('\n')).toContain('HTTP access: /pos (and below it), authentication off')
  })

  it('refuses HTTP access paths that are malformed, not modelled, or declared by two functions', () => {
    const inputs = validInputs()
    inputs.functions[0].config = { timeout: 10, httpAccess: { paths: ['/api/'] } }
    expect(refusal(inputs, 'HTTP_ACCESS_INVALID')).toMatch(/function member: HTTP access path "\/api\/" must be/)
    inputs.functions[0].config = { timeout: 10, httpAccess: { paths: ['/api'], auth: true } }
    expect(refusal(inputs, 'HTTP_ACCESS_INVALID')).toMatch(/httpAccess.auth" is not modelled/)
    inputs.functions[0].config = { timeout: 10, httpAccess: { paths: ['/api'] } }
    inputs.functions[1].config = { timeout: 10, httpAccess: { paths: ['/api'] } }
    expect(refusal(inputs, 'HTTP_ACCESS_INVALID')).toMatch(/\/api is declared by both jobs and member/)
  })

  it('needs no credentials for a dry run, and every one for a real run', () => {
    expect(codes(validInputs())).toEqual([])
    const real = { ...validInputs(), dryRun: false }
    expect(refusal(real, 'ENV_MISSING')).toMatch(
      /TCB_ENV_ID[\s\S]*TCB_SECRET_ID[\s\S]*TCB_SECRET_KEY[\s\S]*WX_APPID[\s\S]*WX_UPLOAD_KEY_PATH[\s\S]*TCB_CUSTOM_LOGIN_KEY_PATH/,
    )
    const env = {
      TCB_ENV_ID: 'vip-1a2b',
      TCB_SECRET_ID: 'AKID',
      TCB_SECRET_KEY: 'k',
      WX_APPID: 'wx0123456789abcdef',
      WX_UPLOAD_KEY_PATH: '/keys/private.key',
      TCB_CUSTOM_LOGIN_KEY_PATH: '/keys/tcb_custom_login.json',
    }
    expect(codes({ ...real, env, uploadKeyReadable: true, customLoginKey: { envId: 'vip-1a2b' } })).toEqual([])
    // The desk signs in with tickets of this environment's key only.
    expect(refusal({ ...real, env, uploadKeyReadable: true, customLoginKey: { envId: 'vip-test-9z' } }, 'ENV_INVALID')).toMatch(
      /custom-login key of environment vip-test-9z, not of vip-1a2b/,
    )
    expect(
      refusal({ ...real, env, uploadKeyReadable: true, customLoginKey: { problem: '"/keys/x.json" is not JSON' } }, 'ENV_INVALID'),
    ).toMatch(/TCB_CUSTOM_LOGIN_KEY_PATH: "\/keys\/x.json" is not JSON/)
    expect(refusal({ ...real, env: { ...env, WX_APPID: 'touristappid' }, uploadKeyReadable: true }, 'ENV_INVALID')).toMatch(
      /WX_APPID "touristappid"/,
    )
    expect(refusal({ ...real, env, uploadKeyReadable: false }, 'ENV_INVALID')).toMatch(/WX_UPLOAD_KEY_PATH .* not a readable file/)
    expect(refusal({ ...real, env: { ...env, WX_ROBOT: '31' }, uploadKeyReadable: true }, 'ENV_INVALID')).toMatch(/WX_ROBOT/)
  })
})

describe("the operators' desk", () => {
  it('refuses a desk whose first load is over 300 KB gzipped, and shows its size in the plan', () => {
    expect(refusal({ ...validInputs(), desk: { firstLoadBytes: 301 * KB } }, 'DESK_TOO_BIG')).toMatch(
      /301\.0 KB gzipped exceeds the 300\.0 KB/,
    )
    expect(formatPlan(buildPlan(validInputs()).plan).join('\n')).toMatch(/first load 200\.0 KB gzipped \(budget 300\.0 KB\)/)
  })

  it('gives the desk function the custom-login key from its file, and never prints the key', () => {
    const inputs: PlanInputs = {
      ...validInputs(),
      functions: [
        ...validInputs().functions,
        { name: 'desk', bundleBytes: 50 * KB, config: { timeout: 10, permissions: { openapi: [] }, triggers: [] } },
      ],
      env: { TCB_CUSTOM_LOGIN_KEY_PATH: '/keys/tcb_custom_login.json' },
    }
    const { plan } = buildPlan(inputs)
    expect(plan.functions.find((f) => f.name === 'desk')!.secretFiles).toEqual({ CUSTOM_LOGIN_KEY: '/keys/tcb_custom_login.json' })
    expect(plan.functions.find((f) => f.name === 'member')!.secretFiles).toEqual({})
    expect(formatPlan(plan).join('\n')).toContain('CUSTOM_LOGIN_KEY from the file /keys/tcb_custom_login.json (not printed)')
  })
})

describe('function environment', () => {
  it('hands the subscribe-message template ids to the functions that send messages, and warns when one is missing', () => {
    const env = {
      SUBSCRIBE_TEMPLATE_BIRTHDAY_COUPON: 'tmpl-b',
      SUBSCRIBE_TEMPLATE_EVENT_REMINDER: 'tmpl-e',
      SUBSCRIBE_TEMPLATE_WAITLIST_PROMOTED: 'tmpl-w',
    }
    const { plan, warnings } = buildPlan({ ...validInputs(), env })
    expect(plan.functions.find((f) => f.name === 'member')!.envVariables).toEqual(env)
    expect(plan.functions.find((f) => f.name === 'jobs')!.envVariables).toEqual({})
    expect(warnings).toEqual([])
    const partial = buildPlan({ ...validInputs(), env: { SUBSCRIBE_TEMPLATE_BIRTHDAY_COUPON: 'tmpl-b' } })
    expect(partial.problems).toEqual([])
    expect(partial.warnings).toEqual([
      'SUBSCRIBE_TEMPLATE_EVENT_REMINDER, SUBSCRIBE_TEMPLATE_WAITLIST_PROMOTED not set: member cannot send those subscribe messages (40037) until they are set and deployed again',
    ])
  })
})

describe('a broken plan is refused', () => {
  it('when a function bundle is over 150 KB or not built', () => {
    const inputs = validInputs()
    inputs.functions[0].bundleBytes = 151 * KB
    expect(refusal(inputs, 'FUNCTION_TOO_BIG')).toBe('function member: bundle 151.0 KB exceeds the 150.0 KB budget')
    inputs.functions[0].bundleBytes = null
    expect(refusal(inputs, 'FUNCTION_NOT_BUILT')).toMatch(/build\/cloudfunctions\/member\/index.js is missing/)
  })

  it('when the operators-only import function is over its own 250 KB (it may pass the shoppers’ 150 KB)', () => {
    const inputs = validInputs()
    const source = { ...inputs.functions[0], name: 'import', bundleBytes: 200 * KB }
    expect(
      buildPlan({ ...inputs, functions: [...inputs.functions, source] }).problems.filter((p) => p.code === 'FUNCTION_TOO_BIG'),
    ).toEqual([])
    source.bundleBytes = 251 * KB
    expect(refusal({ ...inputs, functions: [...inputs.functions, source] }, 'FUNCTION_TOO_BIG')).toBe(
      'function import: bundle 251.0 KB exceeds the 250.0 KB budget',
    )
  })

  it('when the main package is over 500 KB or a subpackage over 2 MB, or the weapp is not built', () => {
    expect(refusal({ ...validInputs(), weapp: { main: 501 * KB, sub: {} } }, 'MAIN_PACKAGE_TOO_BIG')).toMatch(
      /main package 501.0 KB exceeds the 500.0 KB budget/,
    )
    expect(refusal({ ...validInputs(), weapp: { main: KB, sub: { 'ops/': 2049 * KB } } }, 'SUBPACKAGE_TOO_BIG')).toMatch(/subpackage ops\//)
    expect(refusal({ ...validInputs(), weapp: null }, 'WEAPP_NOT_BUILT')).toMatch(/npm run build:weapp/)
  })

  it('when a function asks for an open API that is not a cloud call', () => {
    const inputs = validInputs()
    inputs.functions[0].config = { timeout: 10, permissions: { openapi: ['wxacode.getUnlimted'] } }
    expect(refusal(inputs, 'PERMISSION_UNKNOWN')).toMatch(/function member: open API "wxacode.getUnlimted" is not a known cloud call/)
  })

  it('when a timer cron is not 7 valid fields', () => {
    const inputs = validInputs()
    inputs.functions[1].config = { timeout: 60, triggers: [{ name: 'upkeep', type: 'timer', config: '0 5 * * *' }] }
    expect(refusal(inputs, 'CRON_INVALID')).toMatch(
      /trigger "upkeep" cron "0 5 \* \* \*" is not CloudBase's: expected 7 fields \(second minute hour day month weekday year\), got 5/,
    )
    inputs.functions[1].config = { timeout: 60, triggers: [{ name: 'upkeep', type: 'timer', config: '0 61 * * * * *' }] }
    expect(refusal(inputs, 'CRON_INVALID')).toMatch(/minute field: "61" is not 0-59/)
  })

  it('when a trigger is not a timer, is badly named or named twice', () => {
    const inputs = validInputs()
    inputs.functions[1].config = {
      triggers: [
        { name: 'upkeep', type: 'http', config: '0 5 * * * * *' },
        { name: 'upkeep', type: 'timer', config: '0 5 * * * * *' },
        { name: '9lives', type: 'timer', config: '0 5 * * * * *' },
      ],
    }
    const words = refusal(inputs, 'TRIGGER_INVALID')
    expect(words).toMatch(/only "timer" deploys/)
    expect(words).toMatch(/"upkeep" appears twice/)
    expect(words).toMatch(/"9lives" must start with a letter/)
  })

  it('when a config.json is missing, not JSON, or has a timeout outside 1–60 s', () => {
    const inputs = validInputs()
    inputs.functions[0].config = null
    expect(refusal(inputs, 'FUNCTION_CONFIG_INVALID')).toMatch(/cloudfunctions\/member\/config.json is missing/)
    inputs.functions[0] = { ...inputs.functions[0], config: null, parseError: 'Unexpected token' }
    expect(refusal(inputs, 'FUNCTION_CONFIG_INVALID')).toMatch(/config.json is not JSON \(Unexpected token\)/)
    inputs.functions[0] = { name: 'member', bundleBytes: KB, config: { timeout: 900 } }
    expect(refusal(inputs, 'FUNCTION_CONFIG_INVALID')).toMatch(/timeout must be whole seconds 1–60, not 900/)
  })

  it('when a collection file has the wrong shape', () => {
    const broken = (json: unknown) => refusal({ ...validInputs(), collections: [{ file: 'ledger', json }] }, 'COLLECTION_INVALID')
    expect(broken([])).toMatch(/must be an object/)
    expect(broken({ name: 'ledgers', indexes: [], rules: { read: false, write: false } })).toMatch(
      /name "ledgers" differs from the file name/,
    )
    expect(broken({ name: 'ledger', rules: { read: false, write: false } })).toMatch(/indexes must be a list/)
    expect(broken({ name: 'ledger', indexes: [], rules: { read: false } })).toMatch(/rules must be \{ read, write \}/)
    expect(broken({ name: 'ledger', indexes: [{ name: 'at', keys: [], unique: false }], rules: { read: false, write: false } })).toMatch(
      /index "at" needs at least one key/,
    )
    expect(
      broken({
        name: 'ledger',
        indexes: [{ name: 'at', keys: [{ field: 'at', direction: 2 }], unique: false }],
        rules: { read: false, write: false },
      }),
    ).toMatch(/direction: 1 \| -1/)
    expect(
      broken({ name: 'ledger', indexes: [{ name: 'at', keys: [{ field: 'at', direction: 1 }] }], rules: { read: false, write: false } }),
    ).toMatch(/unique must be true or false/)
    expect(
      broken({
        name: 'ledger',
        indexes: [{ name: '_id_', keys: [{ field: '_id', direction: 1 }], unique: true }],
        rules: { read: false, write: false },
      }),
    ).toMatch(/built-in index/)
  })

  it('when two indexes of a collection share a name', () => {
    const inputs = validInputs()
    const ledger = inputs.collections[1].json as { indexes: unknown[] }
    ledger.indexes.push({ name: 'memberId_at', keys: [{ field: 'at', direction: 1 }], unique: false })
    expect(refusal(inputs, 'INDEX_NAME_DUPLICATE')).toBe('collection file ledger.json: index name "memberId_at" is used twice')
  })

  it('when the functions use a collection with no definition, or a definition names an unused collection', () => {
    expect(refusal({ ...validInputs(), collectionsInCode: ['ledger', 'members', 'outbox'] }, 'COLLECTION_WITHOUT_DEFINITION')).toMatch(
      /collection "outbox" is used by the cloud functions but has no database\/collections\/outbox.json/,
    )
    expect(refusal({ ...validInputs(), collectionsInCode: ['members'] }, 'DEFINITION_WITHOUT_COLLECTION')).toMatch(
      /ledger.json defines a collection no cloud function uses/,
    )
  })
})

describe('CloudBase timer cron (second minute hour day month weekday year)', () => {
  it.each(['0 5 * * * * *', '0 0 2 1 * * *', '0 */10 8-22 * * MON-FRI *', '30 0 0 1,15 JAN,JUL * 2027', '0 0 12 * * 0 *'])(
    'accepts %s',
    (cron) => {
      expect(cronProblem(cron)).toBeNull()
    },
  )
  it.each([
    ['0 5 * * *', /got 5/],
    ['60 * * * * * *', /second field: "60" is not 0-59/],
    ['0 0 24 * * * *', /hour field: "24" is not 0-23/],
    ['0 0 0 0 * * *', /day-of-month field: "0" is not 1-31/],
    ['0 0 0 * 13 * *', /month field: "13" is not 1-12 or JAN-DEC/],
    ['0 0 0 * * 7 *', /day-of-week field: "7" is not 0-6 or SUN-SAT/],
    ['0 0 0 * * * 1969', /year field: "1969" is not 1970-2099/],
    ['0 */0 * * * * *', /step must be at least 1/],
    ['0 10-5 * * * * *', /minute field: range "10-5" runs backwards/],
    ['0 ? * * * * *', /minute field: "\?" is not 0-59/],
  ])('refuses %s', (cron, words) => {
    expect(cronProblem(cron)).toMatch(words)
  })
})
