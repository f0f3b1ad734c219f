/** Waiting in tests on real time: a plain pause, and polling for something another process or timer does. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Polls `done` every `everyMs` until it holds or `withinMs` have passed, then returns either way: the test's own
 * expectations after it say what was missing.
 */
export const waitUntil = async (done: () => boolean, { withinMs, everyMs }: { withinMs: number; everyMs: number }): Promise<void> => {
  const deadline = Date.now() + withinMs
  while (!done() && Date.now() < deadline) await sleep(everyMs)
}
