// Native custom component: the dynamic member code a shop assistant scans at the till. It keeps its own
// one-second timer and updates only itself through setData, so neither the countdown nor the code's change
// every 30 seconds re-renders the Taro page around it. It needs no network: the code is made from the secret
// kept on the phone, on the server's time (the phone's clock plus the offset the page last learned).
import { codeStep } from '../../domain/memberCode'
import { countdown, memberCodeFace } from './face'

Component({
  properties: {
    /** The member number (11 digits): the front of every code. */
    number: { type: String, value: '' },
    /** The member's code secret (64 hex digits), from the phone's storage. */
    secret: { type: String, value: '' },
    /** Server time minus phone time, in ms. */
    offset: { type: Number, value: 0 },
  },

  data: { qrSrc: '', bars: [], formattedCode: '', secondsLeft: 30, ringStyle: '' },

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
      const { qrSrc, bars, formattedCode } = memberCodeFace(this.data.number, this.data.secret, now)
      this.setData({ qrSrc, bars, formattedCode, ...tick })
    },
  },
})
