/**
 * What the member code shows, shared by the native weapp component and the H5 React one (and the coupon QR).
 * qrcode-generator draws a GIF data URL in plain JS: no canvas or DOM, so it runs in the mini-program.
 */
import qrcode from 'qrcode-generator'
import { formatMemberNo } from '../../domain/memberNo'

/** Big cells keep the code sharp when the phone scales the image up; the GIF stays a few KB. */
const CELL_PX = 12
const QUIET_ZONE_CELLS = 2

export interface MemberCodeFace {
  qrSrc: string
  formattedNo: string
}

/** A QR code of `value` as a GIF data URL (the member code, and a coupon's code on its detail page). */
export const qrDataUrl = (value: string): string => {
  // Error correction M survives a scratched screen protector; size 0 = the smallest version that fits.
  const qr = qrcode(0, 'M')
  qr.addData(value, /^\d+$/.test(value) ? 'Numeric' : 'Byte')
  qr.make()
  return qr.createDataURL(CELL_PX, CELL_PX * QUIET_ZONE_CELLS)
}

export const memberCodeFace = (memberNo: string): MemberCodeFace => {
  if (!memberNo) return { qrSrc: '', formattedNo: '' }
  return { qrSrc: qrDataUrl(memberNo), formattedNo: formatMemberNo(memberNo) }
}

const twoDigits = (n: number) => String(n).padStart(2, '0')

/** "14:05:09" in the phone's local time: a liveness cue, so a screenshot of the code reads as stale. */
export const clockText = (date: Date): string =>
  `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`
