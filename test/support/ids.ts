/** Keys no other call in this test process gives (openids, order numbers, request ids): a label, a counter, the time. */
let seq = 0
export const uniqueKey = (label: string): string => `${label}-${++seq}-${Date.now()}`
