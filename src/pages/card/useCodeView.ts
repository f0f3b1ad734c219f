import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { codeScreen, type CodeScreen } from '../../services/codeScreen'

/**
 * The full-screen member code over the card page: open, close, and the screen while it shows (brightness up,
 * kept on), given back whenever the code leaves the screen — closed, the page hidden, or unloaded.
 */
export const useCodeView = (makeScreen: () => CodeScreen = codeScreen) => {
  const [shown, setShown] = useState(false)
  const shownRef = useRef(shown)
  shownRef.current = shown
  // One per page: it remembers the shopper's brightness between raising and restoring.
  const [screen] = useState(makeScreen)

  useEffect(() => {
    void (shown ? screen.raise() : screen.restore())
  }, [shown, screen])
  // WeChat sent to the background or another page on top: the code is not on screen any more.
  useDidHide(() => void screen.restore())
  // Back, with the code still open: it is on screen again.
  useDidShow(() => {
    if (shownRef.current) void screen.raise()
  })
  useUnload(() => void screen.restore())
  useEffect(() => () => void screen.restore(), [screen])

  return { shown, open: () => setShown(true), close: () => setShown(false) }
}
