import { useEffect, useRef } from 'react'
import type { F2ChartProps } from '.'
import { drawChart } from './draw'

/** The H5 chart: an HTML canvas the chart is drawn on once it is laid out. */
export const F2Chart = ({ className, label, chart }: F2ChartProps) => {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const node = ref.current
    if (!node) return
    const { width, height } = node.getBoundingClientRect()
    // jsdom has no 2d context (and says so on the console): nothing to draw on, the text carries the numbers.
    const context = typeof navigator !== 'undefined' && /jsdom/.test(navigator.userAgent) ? null : node.getContext('2d')
    if (!context || width === 0 || height === 0) return
    const drawn = drawChart(node, context, { width, height, pixelRatio: window.devicePixelRatio || 1 }, chart())
    return () => drawn.destroy()
  }, [chart])
  return <canvas ref={ref} className={className} role="img" aria-label={label} />
}
