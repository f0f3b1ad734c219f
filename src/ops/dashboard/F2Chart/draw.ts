import { Canvas, jsx } from '@antv/f2'
import type { ChartElement } from '../charts'

/**
 * F2 sizes its theme in 750-wide design pixels ("20px") and converts them by the page's root font size when
 * there is one: on H5 that is Taro's rem base (20px), which shrank labels to a fifth. The conversion is fixed
 * here to what a 750 design means on a phone, half, as the rest of the app's styles are.
 */
const designPx = (px: number): number => px / 2

export interface Drawn {
  destroy: () => void
}

/**
 * Draws a chart on a 2d context of a canvas `width` × `height` CSS pixels. The canvas's own pixels are set
 * here (× pixelRatio): F2 given only a context scales the drawing but cannot resize a canvas it never saw.
 * No animation: the figures are read, not watched.
 */
export const drawChart = (
  node: { width: number; height: number },
  context: CanvasRenderingContext2D,
  size: { width: number; height: number; pixelRatio: number },
  chart: ChartElement,
): Drawn => {
  node.width = Math.round(size.width * size.pixelRatio)
  node.height = Math.round(size.height * size.pixelRatio)
  const { props } = jsx(
    Canvas,
    { context, pixelRatio: size.pixelRatio, width: size.width, height: size.height, animate: false, px2hd: designPx },
    chart,
  )
  const canvas = new Canvas(props)
  canvas.render()
  return { destroy: () => canvas.destroy() }
}
