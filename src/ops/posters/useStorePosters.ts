import { useCallback, useEffect, useRef, useState } from 'react'
import type { StoreCodeView, StoreDirectoryEntry } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { renderPoster, savePosterImage, type PosterOutcome } from '../../services/posterImage'
import {
  codeDataUrl,
  paintStorePoster,
  STORE_POSTER_HEIGHT,
  STORE_POSTER_SCALE,
  STORE_POSTER_WIDTH,
  storePosterFileName,
  storePosterWords,
} from './storePoster'

type Staff = StoreDirectoryEntry['staff'][number]

/** One poster: a store's own (staff null) or one of its staff's. */
export interface PosterTarget {
  storeId: string
  staff: Staff | null
}

export type DirectoryState =
  { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; stores: StoreDirectoryEntry[] }

export type PosterState =
  | { status: 'making'; target: PosterTarget }
  | { status: 'failed'; target: PosterTarget; message: string }
  | { status: 'ready'; target: PosterTarget; code: StoreCodeView; image: string }

export const sameTarget = (a: PosterTarget, b: PosterTarget) =>
  a.storeId === b.storeId && (a.staff?.staffId ?? null) === (b.staff?.staffId ?? null)

const fileName = (target: PosterTarget) => storePosterFileName(target.storeId, target.staff?.staffId ?? null)

/**
 * 门店海报: the stores with their active staff (ops.storeDirectory); a tap on the store or on one of its staff
 * fetches that code (ops.storeCode, a mini-program code on WeChat; the local cloud's plain QR in the browser) and
 * paints the poster; the picture is saved to the album (WeChat) or downloaded (browser). The latest tap wins.
 */
export const useStorePosters = () => {
  const [directory, setDirectory] = useState<DirectoryState>({ status: 'loading' })
  const [poster, setPoster] = useState<PosterState | null>(null)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<PosterOutcome | null>(null)
  const asked = useRef(0)

  const load = useCallback(async () => {
    setDirectory({ status: 'loading' })
    try {
      setDirectory({ status: 'ready', stores: (await callCloud('ops', 'storeDirectory', {})).stores })
    } catch (error) {
      setDirectory({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  useEffect(() => void load(), [load])

  const make = async (target: PosterTarget) => {
    const ask = ++asked.current
    setPoster({ status: 'making', target })
    setSaved(null)
    let code: StoreCodeView
    try {
      code = await callCloud('ops', 'storeCode', { storeId: target.storeId, assistantId: target.staff?.staffId ?? null })
    } catch (error) {
      if (ask === asked.current) setPoster({ status: 'failed', target, message: messageOf(error) })
      return
    }
    try {
      const image = await renderPoster({
        width: STORE_POSTER_WIDTH,
        height: STORE_POSTER_HEIGHT,
        scale: STORE_POSTER_SCALE,
        codeDataUrl: codeDataUrl(code),
        paint: (ctx, image) => paintStorePoster(ctx, storePosterWords(code, target.staff?.role ?? null), image),
      })
      if (ask === asked.current) setPoster({ status: 'ready', target, code, image })
    } catch {
      if (ask === asked.current) setPoster({ status: 'failed', target, message: '海报生成失败，请稍后再试' })
    }
  }

  const save = async () => {
    if (poster?.status !== 'ready' || saving) return
    setSaving(true)
    setSaved(null)
    setSaved(await savePosterImage(poster.image, fileName(poster.target)))
    setSaving(false)
  }

  return {
    directory,
    poster,
    saving,
    saved,
    reload: () => void load(),
    make: (target: PosterTarget) => void make(target),
    save: () => void save(),
  }
}
