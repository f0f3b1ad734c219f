/**
 * The till's camera and buzz, where the device has them. Only WeChat has a camera scanner; the H5 preview types
 * codes instead. `canScan` is read at call time (a build-time constant in the builds), so tests can stand in.
 */
import Taro from '@tarojs/taro'

export const canScan = (): boolean => process.env.TARO_ENV === 'weapp'

/** WeChat's scanner: what it read, or null when the assistant closed it (not an error). */
export const scanText = async (scanType: ('qrCode' | 'barCode')[]): Promise<string | null> => {
  try {
    return (await Taro.scanCode({ onlyFromCamera: true, scanType })).result
  } catch {
    return null
  }
}

/** A short buzz when something succeeded, where the device can (WeChat); silently nothing elsewhere. */
export const buzz = (): void => {
  try {
    void Promise.resolve(Taro.vibrateShort?.({ type: 'medium' })).catch(() => undefined)
  } catch {
    // No vibration on this device or runtime: the receipt on screen says it all the same.
  }
}
