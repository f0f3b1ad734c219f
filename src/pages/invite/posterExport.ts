/**
 * Saving the invitation poster: ./poster paints it, services/posterImage paints it on the platform's canvas and
 * saves it (WeChat's album, asking for the privacy consent and the album first; a download in the browser).
 */
import { exportPoster, type PosterOutcome } from '../../services/posterImage'
import { paintPoster, POSTER_HEIGHT, POSTER_SCALE, POSTER_WIDTH, type PosterWords } from './poster'

export { PosterCanvas, SAVE_POSTER_LABEL, type PosterOutcome } from '../../services/posterImage'

/** Paints the poster with the code (a data URL from the server) and saves it. Never rejects. */
export const savePoster = (words: PosterWords, codeDataUrl: string): Promise<PosterOutcome> =>
  exportPoster(
    {
      width: POSTER_WIDTH,
      height: POSTER_HEIGHT,
      scale: POSTER_SCALE,
      codeDataUrl,
      paint: (ctx, code) => paintPoster(ctx, words, code),
    },
    '邀请海报.png',
  )
