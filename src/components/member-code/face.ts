/**
 * What the member code shows, shared by the native weapp component and the H5 React one (and the coupon QR).
 * Everything here is plain JS that runs in the mini-program: qrcode-generator draws the QR as a GIF data URL
 * (no canvas or DOM), jsbarcode's Code 128 encoder alone gives the barcode's bars (drawn as views), and the
 * code itself comes from src/domain/memberCode (HMAC in plain JS: the mini-program has no WebCrypto).
 */
import qrcode from 'qrcode-generator'
import CODE128C from 'jsbarcode/bin/barcodes/CODE128/CODE128C'
import {
  CODE_STEP_SECONDS,
  codeStep,
  dynamicMemberCode,
  formatDynamicCode,
  isSecretHex,
  maskDynamicCode,
  secondsLeftInStep,
} from '../../domain/memberCode'

/** Big cells keep the code sharp when the phone scales the image up; the GIF stays a few KB. */
const CELL_PX = 12
const QUIET_ZONE_CELLS = 2

/** A QR code of `value` as a GIF data URL (the member code, and a coupon's code on its detail page). */
export const qrDataUrl = (value: string): string => {
  // Error correction M survives a scratched screen protector; size 0 = the smallest version that fits.
  const qr = qrcode(0, 'M')
  qr.addData(value, /^\d+$/.test(value) ? 'Numeric' : 'Byte')
  qr.make()
  return qr.createDataURL(CELL_PX, CELL_PX * QUIET_ZONE_CELLS)
}

/** One run of the barcode: dark or light, so many modules wide. */
export interface Bar {
  dark: boolean
  modules: number
}

/** Code 128 set C (digit pairs: the shortest barcode for 18 digits) as runs of bars and spaces. */
export const barcodeBars = (digits: string): Bar[] => {
  const { data } = new CODE128C(digits, {}).encode() as { data: string }
  const bars: Bar[] = []
  for (const bit of data) {
    const dark = bit === '1'
    const last = bars[bars.length - 1]
    if (last && last.dark === dark) last.modules++
    else bars.push({ dark, modules: 1 })
  }
  return bars
}

export interface MemberCodeFace {
  /** Empty when there is no secret on this device yet (first open with no network). */
  qrSrc: string
  bars: Bar[]
  /** "1234 5678 9034 9203 97", to type when scanning fails. */
  formattedCode: string
  /** "2026 **** **** 0397": what the digits show until the shopper taps them. */
  maskedCode: string
  /** The step the code belongs to: the component redraws when it changes. */
  step: number
}

/** The code for the server's time `serverNowMs` (the phone's clock plus its known offset). */
export const memberCodeFace = (memberNo: string, secret: string, serverNowMs: number): MemberCodeFace => {
  if (!memberNo || !isSecretHex(secret)) return { qrSrc: '', bars: [], formattedCode: '', maskedCode: '', step: -1 }
  const code = dynamicMemberCode(memberNo, secret, serverNowMs)
  return {
    qrSrc: qrDataUrl(code),
    bars: barcodeBars(code),
    formattedCode: formatDynamicCode(code),
    maskedCode: maskDynamicCode(code),
    step: codeStep(serverNowMs),
  }
}

export interface Countdown {
  /** Seconds until the next code (30 … 1). */
  secondsLeft: number
  /** The ring's filled share, as a CSS background (a conic gradient both WeChat and browsers draw). */
  ringBackground: string
}

export const countdown = (serverNowMs: number): Countdown => {
  const secondsLeft = secondsLeftInStep(serverNowMs)
  const degrees = Math.round((secondsLeft / CODE_STEP_SECONDS) * 360)
  return { secondsLeft, ringBackground: `conic-gradient(#2fa36b 0deg ${degrees}deg, #e7e2d9 ${degrees}deg 360deg)` }
}

/** One QR image of the stack the face draws (the current code on top). */
export interface QrLayer {
  id: number
  src: string
}

/**
 * The QR images after the code changes to `src`: the previous code stays under the new one, which is transparent
 * until the phone has decoded it, so the QR changes in place and never shows blank for a frame. Two at most.
 */
export const nextQrLayers = (layers: QrLayer[], src: string): QrLayer[] => {
  const top = layers[layers.length - 1]
  if (!src) return []
  if (!top) return [{ id: 1, src }]
  return top.src === src ? [top] : [top, { id: top.id + 1, src }]
}
