/**
 * An F2 chart on a canvas. Platform files: index.weapp.tsx draws on the mini-program's canvas (type 2d,
 * found with a selector query once rendered); index.h5.tsx on an HTML canvas. Where no 2d context exists
 * (jsdom) nothing is drawn: the page prints every number as text as well.
 */
import type { ReactElement } from 'react'
import type { ChartElement } from '../charts'

export interface F2ChartProps {
  /** Unique on the page: the mini-program finds its canvas by id. */
  id: string
  /** Sizes the canvas (height in the stylesheet, full width). */
  className: string
  /** What the chart shows in words, for screen readers. */
  label: string
  /** Builds the chart; a new function (new data) draws it again. */
  chart: () => ChartElement
}

export declare const F2Chart: (props: F2ChartProps) => ReactElement
