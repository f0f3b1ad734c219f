/**
 * An F2 chart on an HTML canvas the size of its box (the phone's H5 drawing, src/ops/dashboard/F2Chart/draw.ts),
 * drawn again when the chart (new data) or the box's width changes. Its numbers are always in a table beside it.
 */
import { useEffect, useRef, useState } from 'react'
import type { ChartElement } from '../../../../src/ops/dashboard/charts'
import { drawChart } from '../../../../src/ops/dashboard/F2Chart/draw'

export const ChartCanvas = ({ label, chart, height = 240 }: { label: string; chart: () => ChartElement; height?: number }) => {
  const ref = useRef<HTMLCanvasElement>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const node = ref.current
    if (!node) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)))
    observer.observe(node)
    return () => observer.disconnect()
  }, [])
  useEffect(() => {
    const node = ref.current
    const context = node?.getContext('2d')
    if (!node || !context || width === 0) return
    const drawn = drawChart(node, context, { width, height, pixelRatio: window.devicePixelRatio || 1 }, chart())
    return () => drawn.destroy()
  }, [chart, width, height])
  return <canvas ref={ref} className="report-chart" style={{ height }} role="img" aria-label={label} />
}
