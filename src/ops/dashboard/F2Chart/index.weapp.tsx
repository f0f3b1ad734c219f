import Taro from '@tarojs/taro'
import { Canvas } from '@tarojs/components'
import { useEffect } from 'react'
import type { F2ChartProps } from '.'
import { drawChart, type Drawn } from './draw'

type Found = {
  node?: { width: number; height: number; getContext: (type: '2d') => CanvasRenderingContext2D }
  width: number
  height: number
} | null

/**
 * The mini-program chart: a `type="2d"` canvas, found by id with a selector query after Taro has rendered it
 * (the next tick), then drawn with the device's pixel ratio.
 */
export const F2Chart = ({ id, className, chart }: F2ChartProps) => {
  useEffect(() => {
    let drawn: Drawn | null = null
    let gone = false
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Found[]) => {
          const found = res?.[0]
          if (gone || !found?.node || !found.width || !found.height) return
          const pixelRatio = Taro.getWindowInfo ? Taro.getWindowInfo().pixelRatio : Taro.getSystemInfoSync().pixelRatio
          drawn = drawChart(found.node, found.node.getContext('2d'), { width: found.width, height: found.height, pixelRatio }, chart())
        })
    })
    return () => {
      gone = true
      drawn?.destroy()
    }
  }, [chart, id])
  // The page prints the chart's numbers beside it; the canvas itself is a picture.
  return <Canvas type="2d" id={id} className={className} />
}
