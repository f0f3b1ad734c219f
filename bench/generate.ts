/** Deterministic generation shared by the benchmarks: a seeded PRNG, OPENID-like ids, Chinese names, figures. */

/** A small seeded PRNG: the same members every run. */
export const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
/** 28 characters starting with "o", like a mini program OPENID: random, so `_id` order is not join order. */
export const openidOf = (rand: () => number) => {
  let s = 'o'
  for (let i = 0; i < 27; i++) s += ALPHABET[Math.floor(rand() * 64)]
  return s
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'
export const nameOf = (rand: () => number) =>
  SURNAMES[Math.floor(rand() * SURNAMES.length)] +
  GIVEN[Math.floor(rand() * GIVEN.length)] +
  (rand() < 0.5 ? GIVEN[Math.floor(rand() * GIVEN.length)] : '')

/** Unique per member (a unique index): the member's index in the referral alphabet's letters. */
export const referralCodeOf = (i: number) => `${String(i).padStart(7, '0')}`.replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)])

export const rssMb = () => process.memoryUsage().rss / 1048576
/** Peak resident memory of this process (the executor, the instances' threads and the generator): kernel's maxRSS. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024
export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
