import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { codeScreen, type CodeScreen } from '../../services/codeScreen'

/**
 * The full-screen member code over the card page: open, close, and the screen while it shows (brightness up,
 * kept on), given back whenever the code leaves the screen — closed, the page hidden, or unloaded.
 */
export const useCodeView = (screen: CodeScreen = codeScreen()) => {
  const [shown, setShown] = useState(false)
  const shownRef = useRef(shown)
  shownRef.current = shown
  const screenRef = useRef(screen)

  useEffect(() => {
    void (shown ? screenRef.current.raise() : screenRef.current.restore())
  }, [shown])
  // WeChat sent to the background or another page on top: the code is not on screen any more.
  useDidHide(() => void screenRef.current.restore())
  // Back, with the code still open: it is on screen again.
  useDidShow(() => {
    if (shownRef.current) void screenRef.current.raise()
  })
  useUnload(() => void screenRef.current.restore())
  useEffect(() => () => void screenRef.current.restore(), [])

  return { shown, open: () => setShown(true), close: () => setShown(false) }
}
