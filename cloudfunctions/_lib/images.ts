/** Pictures in cloud storage (src/domain/images.ts): their temporary links, and a check that one exists. */
import { fieldRefused } from '../../src/domain/errors'
import { cloud } from './cloud'

/** A day, CloudBase's longest: a page kept open (or its kept copy) still shows its pictures tomorrow morning. */
const IMAGE_LINK_MAX_AGE_S = 86_400
/** CloudBase links at most 50 files per getTempFileURL call. */
const LINKS_PER_CALL = 50

interface LinkAnswer {
  fileList: { fileID: string; tempFileURL: string; status: number }[]
}

/** Each existing picture's link, by fileID, in one storage call per 50; '' and missing files have none. */
export const imageLinks = async (fileIDs: readonly string[]): Promise<Map<string, string>> => {
  const wanted = [...new Set(fileIDs.filter((id) => id !== ''))]
  const links = new Map<string, string>()
  for (let i = 0; i < wanted.length; i += LINKS_PER_CALL) {
    const fileList = wanted.slice(i, i + LINKS_PER_CALL).map((fileID) => ({ fileID, maxAge: IMAGE_LINK_MAX_AGE_S }))
    const answer = (await cloud.getTempFileURL({ fileList })) as LinkAnswer
    for (const file of answer.fileList) if (file.status === 0 && file.tempFileURL) links.set(file.fileID, file.tempFileURL)
  }
  return links
}

/** Refuses a picture that is not in storage (never uploaded, deleted, or another environment's) on its field. */
export const requireImage = async (fileID: string, field: string, message: string): Promise<void> => {
  if (fileID !== '' && !(await imageLinks([fileID])).has(fileID)) throw fieldRefused(field, message)
}
