import { useEffect, useMemo, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { codeStep } from '../../domain/memberCode'
import { countdown, memberCodeFace, nextQrLayers, type QrLayer } from '../member-code/face'
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
  // The previous QR stays under the new one until the new one is drawn (see nextQrLayers): set while rendering,
  // as React allows for state derived from props, so the new digits and the new QR arrive in the same frame.
  const [layers, setLayers] = useState<QrLayer[]>([])
  if ((layers[layers.length - 1]?.src ?? '') !== face.qrSrc) setLayers(nextQrLayers(layers, face.qrSrc))
  const [revealed, setRevealed] = useState(false)
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
      <View className="member-code__digits" onClick={() => setRevealed(!revealed)}>
        <Text className="member-code__number">{revealed ? face.formattedCode : face.maskedCode}</Text>
        <Text className="member-code__reveal">{revealed ? '轻触隐藏数字' : '轻触查看数字'}</Text>
      </View>
      <View className="member-code__qr">
        {layers.map((layer) => (
          <Image key={layer.id} className="member-code__qr-layer" src={layer.src} mode="aspectFit" />
        ))}
      </View>
      <View className="member-code__countdown">
        <View className="member-code__ring" style={{ background: ringBackground }}>
          <Text className="member-code__ring-hole">{secondsLeft}</Text>
        </View>
        <Text className="member-code__refresh">{`${secondsLeft} 秒后自动更新 · 截图无效`}</Text>
      </View>
    </View>
  )
}
