/**
 * The cloud test project's promise that nothing leaves the machine (jest `setupFilesAfterEnv`). The test process
 * runs with the same network guard as every function instance of the local cloud (localcloud/instances/offline.ts:
 * TCP, TLS, UDP, DNS and fetch to anything but the loopback are refused before any socket or query), so a test
 * cannot reach the network even by accident; and a test file during which anything was refused fails, naming it.
 * Instances refuse on their own (each worker thread installs the guard before loading a function); what they
 * refuse is their function's loud error, recorded in `cloud.networkRefusals()`.
 */
import { installNetworkGuard } from '../../localcloud/instances/offline'

const guard = installNetworkGuard()
const before = guard.refusals.length

afterAll(() => {
  // A test that provokes a refusal on purpose takes it off the list itself (see calls.test.ts).
  expect({ refusedInThisTestProcess: guard.refusals.slice(before) }).toEqual({ refusedInThisTestProcess: [] })
})
