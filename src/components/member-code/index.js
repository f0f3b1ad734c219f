// Native custom component: the dynamic member code a shop assistant scans at the till, drawn large for the
// card page's full-screen view. It keeps its own one-second timer and updates only itself through setData, so
// neither the countdown nor the code's change every 30 seconds re-renders the Taro page around it. It needs no
// network: the code is made from the secret kept on the phone, on the server's time (the phone's clock plus the
// offset the page last learned). The digits stay masked until tapped: the barcode and QR are what the till
// scans, and the people behind in the queue should not read the code off the screen.
import { codeStep } from '../../domain/memberCode'
import { countdown, memberCodeFace, nextQrLayers } from './face'

Component({
  properties: {
    /** The member number (11 digits): the front of every code. */
    number: { type: String, value: '' },
    /** The member's code secret (64 hex digits), from the phone's storage. */
    secret: { type: String, value: '' },
    /** Server time minus phone time, in ms. */
    offset: { type: Number, value: 0 },
  },

  // qrLayers: the previous code's QR under the current one. A new image is transparent until decoded, so the
  // old code shows through meanwhile: the QR changes in place, never blank for a frame.
  data: { qrLayers: [], bars: [], formattedCode: '', maskedCode: '', revealed: false, secondsLeft: 30, ringStyle: '' },

  observers: {
    'number, secret, offset'() {
      this.redraw(true)
    },
  },

  lifetimes: {
    attached() {
      // Observers are not guaranteed to fire for the initial property values.
      this.redraw(true)
      this.clockTimer = setInterval(() => this.redraw(false), 1000)
    },
    detached() {
      clearInterval(this.clockTimer)
      this.clockTimer = null
    },
  },

  methods: {
    /** Every second the countdown; a new QR, barcode and digits only when the 30-second step changes. */
    redraw(force) {
      const now = Date.now() + (Number(this.data.offset) || 0)
      const step = codeStep(now)
      const { secondsLeft, ringBackground } = countdown(now)
      const tick = { secondsLeft, ringStyle: `background: ${ringBackground};` }
      if (!force && step === this.drawnStep) return this.setData(tick)
      this.drawnStep = step
      const { qrSrc, bars, formattedCode, maskedCode } = memberCodeFace(this.data.number, this.data.secret, now)
      this.setData({ qrLayers: nextQrLayers(this.data.qrLayers, qrSrc), bars, formattedCode, maskedCode, ...tick })
    },
    /** A tap on the digits shows them (for a till that types the code); another tap hides them again. */
    toggleDigits() {
      this.setData({ revealed: !this.data.revealed })
    },
  },
})
