import { useEffect, useMemo, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { clockText, memberCodeFace } from '../member-code/face'
import type { MemberCodeProps } from '.'
import './index.h5.scss'

/** Re-renders only this component each second, like the native one's own setData. */
const useClock = (): string => {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(timer)
  }, [])
  return clockText(now)
}

export const MemberCode = ({ memberNo }: MemberCodeProps) => {
  const { qrSrc, formattedNo } = useMemo(() => memberCodeFace(memberNo), [memberNo])
  const clock = useClock()
  return (
    <View className="member-code">
      {qrSrc && <Image className="member-code__qr" src={qrSrc} mode="aspectFit" />}
      <Text className="member-code__number">{formattedNo}</Text>
      <View className="member-code__clock">
        <View className="member-code__pulse" />
        <Text>{clock}</Text>
      </View>
    </View>
  )
}
