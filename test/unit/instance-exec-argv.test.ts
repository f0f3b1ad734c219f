/** A function instance starts with its parent's Node flags save tsx's loader (localcloud/instances/pool.ts). */
import { instanceExecArgv } from '../../localcloud/instances/pool'

it('leaves out tsx in every spelling of a loader flag, and keeps every other flag', () => {
  expect(
    instanceExecArgv([
      '--require',
      'tsx/cjs',
      '-r',
      '/work/node_modules/tsx/dist/cjs/index.cjs',
      '--import=tsx',
      '--cpu-prof',
      '--require',
      './trace.js',
      '--max-old-space-size=512',
      '--loader',
      'tsx/esm',
    ]),
  ).toEqual(['--cpu-prof', '--require', './trace.js', '--max-old-space-size=512'])
})

it('keeps a loader that is not tsx, even one whose name contains it', () => {
  expect(instanceExecArgv(['--require', 'my-tsx-shim', '--import', 'tsxlike/register'])).toEqual([
    '--require',
    'my-tsx-shim',
    '--import',
    'tsxlike/register',
  ])
})
