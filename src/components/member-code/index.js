// Native custom component: the member code a shop assistant scans at the till. It keeps its own timer and
// updates only itself through setData, so the ticking clock never re-renders the Taro page around it.
import { clockText, memberCodeFace } from './face'

Component({
  properties: {
    /** The member number to encode (11 digits). */
    value: { type: String, value: '' },
  },

  data: { qrSrc: '', formattedNo: '', clock: '' },

  observers: {
    value(memberNo) {
      this.setData(memberCodeFace(memberNo))
    },
  },

  lifetimes: {
    attached() {
      // Observers are not guaranteed to fire for the initial property value.
      this.setData({ ...memberCodeFace(this.data.value), clock: clockText(new Date()) })
      this.clockTimer = setInterval(() => this.setData({ clock: clockText(new Date()) }), 1000)
    },
    detached() {
      clearInterval(this.clockTimer)
      this.clockTimer = null
    },
  },
})
