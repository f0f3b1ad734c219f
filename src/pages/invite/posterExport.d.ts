/**
 * Saving the invitation poster, one way per platform by Taro's platform files: posterExport.weapp.tsx paints
 * it on a Canvas 2D kept off screen in the page and saves it to the photo album (asking for the album
 * permission first); posterExport.h5.tsx paints it on a browser canvas and downloads it. This declaration
 * is what TypeScript sees.
 */
import type { ReactElement } from 'react'
import type { PosterWords } from './poster'

/** Whether the poster was saved, in words for the page to show. */
export type PosterOutcome = { ok: true; message: string } | { ok: false; message: string }

/** The save button's words: 保存到相册 on WeChat, 下载海报 in the browser. */
export declare const SAVE_POSTER_LABEL: string

/** The canvas the poster is painted on, placed in the page (nothing on H5, where it is made on the fly). */
export declare const PosterCanvas: () => ReactElement | null

/** Paints the poster with the code (a data URL from the server) and saves it. Never rejects. */
export declare const savePoster: (words: PosterWords, codeDataUrl: string) => Promise<PosterOutcome>
