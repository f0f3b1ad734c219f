/**
 * A poster as an image, one way per platform by Taro's platform files: posterImage.weapp.tsx paints it on a
 * Canvas 2D kept off screen in the page, exports it to a temporary file and saves that to the photo album
 * (the privacy guide's consent and the album permission asked first); posterImage.h5.tsx paints it on a
 * browser canvas and downloads it. What is painted is the poster's own pure function (./posterPaint helpers).
 * This declaration is what TypeScript sees.
 */
import type { ReactElement } from 'react'
import type { PosterContext } from './posterPaint'

export interface PosterSpec {
  /** The poster in its own units, and how many pixels a unit is in the image. */
  width: number
  height: number
  scale: number
  /** The mini-program code as a data URL from the server ("data:image/png;base64,..."). */
  codeDataUrl: string
  /** Paints the poster at the origin in its own units (the context is already scaled). */
  paint: (ctx: PosterContext, code: CanvasImageSource) => void
}

/** Whether the poster was saved, in words for the page to show. */
export type PosterOutcome = { ok: true; message: string } | { ok: false; message: string }

/** The save button's words: 保存到相册 on WeChat, 下载海报 in the browser. */
export declare const SAVE_POSTER_LABEL: string

/** The canvas posters are painted on, placed once in a page that makes posters (nothing on H5, where it is made on the fly). */
export declare const PosterCanvas: () => ReactElement | null

/** Paints the poster and answers its image: a temporary file on WeChat, a data URL in the browser. Rejects when it cannot. */
export declare const renderPoster: (spec: PosterSpec) => Promise<string>

/** Saves a poster renderPoster made: to the album on WeChat, as a download (`fileName`) in the browser. Never rejects. */
export declare const savePosterImage: (image: string, fileName: string) => Promise<PosterOutcome>

/** Paints and saves in one go, asking for the album before painting on WeChat. Never rejects. */
export declare const exportPoster: (spec: PosterSpec, fileName: string) => Promise<PosterOutcome>
