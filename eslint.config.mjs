// ESLint over the TypeScript sources with type information (tsconfig.json includes every linted .ts/.tsx file),
// the rules of hooks, and no import cycles. Plain JavaScript (configs, jest environments, native component, bundled
// test fixtures) is linted without type information in the environment it runs in. `npm run lint` runs this after
// `tsc --noEmit`; `npm test` runs `npm run lint` first.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import globals from 'globals'

const TS = ['**/*.{ts,tsx,mts,cts}']
const JS = ['**/*.{js,cjs,mjs,jsx}']

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-h5/', 'dist-desk/', 'build/', 'coverage/', 'test-results/', '.data/', '.swc/', '.scratch/', '**/*.d.ts', '**/.compiled/'],
  },
  js.configs.recommended,
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads only .js modules unless told: the TypeScript extensions, parsed by typescript-eslint.
      'import-x/extensions': ['.ts', '.tsx', '.cts', '.mts', '.js', '.jsx', '.cjs', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.cts', '.mts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // An async function without await is kept async on purpose: platform variants (.h5/.weapp) share one
      // signature, and dropping `async` would turn a rejection into a synchronous throw.
      '@typescript-eslint/require-await': 'off',
      // Errors are rethrown as the wire's error shape; a `cause` would travel with them.
      'preserve-caught-error': 'off',
    },
  },
  {
    // The local cloud, benchmarks and tests load modules at run time on purpose (wx-server-sdk internals, tsx,
    // built bundles): require() is their dynamic import. Scripts mark each one.
    files: ['localcloud/**', 'bench/**', 'test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and benchmarks drive untyped SDK results and patch SDK objects: the rules about `any` and about values'
    // types (typing the taro tests' fake cloud is issue 19's item 7) stay for the shipped code only. Floating and
    // misused promises, unused code and import cycles are refused here as everywhere.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/await-thenable': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // The fakes reject as wx's APIs do, with plain { errMsg } objects.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    // The local cloud handles wire data and BSON of any shape (rendered into messages with String()) and patches the
    // SDK's prototypes, keeping the originals to call with their `this`.
    files: ['localcloud/**'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The mini-program's pages and components (the domain's `useCoupon` is no hook).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/domain/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // One date format per context (issue 20): pages and wording show dates only through src/wording/dates.ts. The
    // domain's formats are keys (a business date, a month key), not wording.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/domain/**', 'src/wording/dates.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='format'][arguments.0.type='Literal'][arguments.0.value=/[YMDHhms]/]",
          message: 'Show dates with dateText()/lastDayText() from src/wording/dates.ts: one format per context.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/time'],
              importNames: ['lastCoveredBusinessDate'],
              message: 'Show dates with dateText()/lastDayText() from src/wording/dates.ts: one format per context.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript: no type information; CommonJS for .js/.cjs, modules for .mjs.
    files: JS,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // The native mini-program component: an ES module run by WeChat, with its globals.
    files: ['src/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { Component: 'readonly', wx: 'readonly' } },
  },
  {
    // Taro's stand-in for jest: a module the taro project's babel turns into CommonJS, in jsdom.
    files: ['test/taro/support/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, ...globals.jest, ...globals.node } },
  },
)
