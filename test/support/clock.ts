/**
 * Instants written in business time (Asia/Shanghai, +08:00, no daylight saving), as the tests read them:
 * `at('2026-11-20T12:00:00')` is noon in the stores, whatever zone the test process runs in.
 */
export const at = (local: string): string => new Date(`${local}+08:00`).toISOString()
