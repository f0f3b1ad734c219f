import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import './index.scss'

type Loading = 'loading' | 'loaded' | 'failed'

/**
 * A picture from cloud storage (an event's cover, a catalog item): loaded only when scrolled near (`lazyLoad`), a
 * quiet placeholder with `label` until it has loaded, and the placeholder again when there is no picture or its
 * temporary link has expired, so a slow or missing picture never leaves a hole or a broken-image mark.
 */
export const Picture = ({ src, label = '', className = '' }: { src: string; label?: string; className?: string }) => {
  const [loading, setLoading] = useState<Loading>('loading')
  useEffect(() => setLoading('loading'), [src])
  const state: Loading = src ? loading : 'failed'
  return (
    <View className={`picture picture--${state} ${className}`}>
      {state !== 'failed' && (
        <Image
          className="picture__image"
          src={src}
          mode="aspectFill"
          lazyLoad
          onLoad={() => setLoading('loaded')}
          onError={() => setLoading('failed')}
        />
      )}
      {state !== 'loaded' && label !== '' && <Text className="picture__label">{label}</Text>}
    </View>
  )
}
