import { useEffect, useMemo, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { codeStep } from '../../domain/memberCode'
import { countdown, memberCodeFace } from '../member-code/face'
import type { MemberCodeProps } from '.'
import './index.h5.scss'

/** The server's time now, ticking each second: re-renders only this component, like the native one's setData. */
const useServerNow = (offsetMs: number): number => {
  const [now, setNow] = useState(() => Date.now() + offsetMs)
  useEffect(() => {
    setNow(Date.now() + offsetMs)
    const timer = setInterval(() => setNow(Date.now() + offsetMs), 1000)
    return () => clearInterval(timer)
  }, [offsetMs])
  return now
}

export const MemberCode = ({ memberNo, secret, offsetMs }: MemberCodeProps) => {
  const now = useServerNow(offsetMs)
  const step = codeStep(now)
  // A new code only when the 30-second step changes (the step stands for the time in the dependencies).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const face = useMemo(() => memberCodeFace(memberNo, secret ?? '', now), [memberNo, secret, step])
  const { secondsLeft, ringBackground } = countdown(now)
  if (!face.qrSrc) {
    return (
      <View className="member-code">
        <Text className="member-code__missing">首次使用请连接网络，下拉刷新后显示会员码</Text>
      </View>
    )
  }
  return (
    <View className="member-code">
      <View className="member-code__barcode">
        {face.bars.map((bar, i) => (
          <View
            key={i}
            className={bar.dark ? 'member-code__bar member-code__bar--dark' : 'member-code__bar'}
            style={{ flex: `${bar.modules} 0 0` }}
          />
        ))}
      </View>
      <Text className="member-code__number">{face.formattedCode}</Text>
      <Image className="member-code__qr" src={face.qrSrc} mode="aspectFit" />
      <View className="member-code__countdown">
        <View className="member-code__ring" style={{ background: ringBackground }}>
          <Text className="member-code__ring-hole">{secondsLeft}</Text>
        </View>
        <Text className="member-code__refresh">{`${secondsLeft} 秒后自动更新 · 截图无效`}</Text>
      </View>
    </View>
  )
}
