/**
 * What the card keeps on the phone so that it works in a store with no signal: the member code's secret (asked
 * for once per install, see member.codeSecret) and the last card the server sent, each with the offset between
 * the server's clock and the phone's, so codes and tiers follow the server's time even offline.
 * Taro's storage is the mini-program's per-user storage on weapp and localStorage in the H5 preview.
 */
import Taro from '@tarojs/taro'
import type { CardView, MemberCodeSecret } from '../api/contract'
import { isSecretHex } from '../domain/memberCode'
import type { Instant } from '../domain/time'
import { storageScope } from './storageScope'

const SECRET_KEY = 'vipcard.memberCode'
// The card is drawn from storage before the network answers (cache-first), so it is kept per user.
const cardKey = () => `vipcard.card${storageScope()}`

export interface KeptSecret {
  memberNo: string
  secret: string
  version: number
  /** Server time minus phone time (ms) when the secret or the card last arrived. */
  offsetMs: number
}

export interface KeptCard {
  card: CardView
  /** The server's time when the card was read: "会员卡更新于 HH:mm". */
  savedAt: Instant
  offsetMs: number
}

const read = (key: string): unknown => {
  try {
    return Taro.getStorageSync(key)
  } catch {
    return null
  }
}

const write = (key: string, value: unknown) => {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    // A full or unavailable storage: the card still works online.
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Server time minus this phone's time, from a server timestamp that just arrived. */
export const offsetFrom = (serverTime: Instant, phoneNowMs: number = Date.now()): number => {
  const server = Date.parse(serverTime)
  return Number.isFinite(server) ? server - phoneNowMs : 0
}

export const keptSecret = (): KeptSecret | null => {
  const v = read(SECRET_KEY)
  if (!isObject(v) || typeof v.memberNo !== 'string' || !isSecretHex(v.secret) || typeof v.version !== 'number') return null
  return { memberNo: v.memberNo, secret: v.secret, version: v.version, offsetMs: typeof v.offsetMs === 'number' ? v.offsetMs : 0 }
}

export const keepSecret = (answer: MemberCodeSecret, phoneNowMs: number = Date.now()): KeptSecret => {
  const kept: KeptSecret = {
    memberNo: answer.memberNo,
    secret: answer.secret,
    version: answer.version,
    offsetMs: offsetFrom(answer.serverTime, phoneNowMs),
  }
  write(SECRET_KEY, kept)
  return kept
}

/** A fresher clock offset for the kept secret (every online card read). */
export const updateOffset = (kept: KeptSecret, offsetMs: number): KeptSecret => {
  const next = { ...kept, offsetMs }
  write(SECRET_KEY, next)
  return next
}

/**
 * Whether the kept secret can make this member's codes: it exists, is this member's, and is the version the
 * server last named (another device's reset makes the one here useless).
 */
export const secretFits = (kept: KeptSecret | null, memberNo: string, serverVersion: number | null | undefined): kept is KeptSecret =>
  kept !== null && kept.memberNo === memberNo && (serverVersion === undefined || serverVersion === null || serverVersion === kept.version)

export const keptCard = (): KeptCard | null => {
  const v = read(cardKey())
  if (!isObject(v) || !isObject(v.card) || !isObject(v.card.member) || typeof v.savedAt !== 'string') return null
  return { card: v.card as unknown as CardView, savedAt: v.savedAt, offsetMs: typeof v.offsetMs === 'number' ? v.offsetMs : 0 }
}

export const keepCard = (card: CardView, phoneNowMs: number = Date.now()): KeptCard => {
  const kept: KeptCard = { card, savedAt: card.serverTime, offsetMs: offsetFrom(card.serverTime, phoneNowMs) }
  write(cardKey(), kept)
  return kept
}

/** No longer a member here (deleted, or never joined): nothing of an old card stays to be shown. */
export const forgetCard = () => {
  try {
    Taro.removeStorageSync(cardKey())
  } catch {
    // Nothing kept, or no storage: nothing to forget.
  }
}
