/**
 * Pictures the product shows (event covers, catalog items) live in cloud storage and are kept as fileIDs; a function
 * turns them into temporary links for each answer. A fileID is accepted only under `images/<folder>/` with an image's
 * extension, so that no picture field can ever point at another kind of file in the same storage (an operator's export
 * of members, a member's data file) and have it linked to every shopper.
 */

export const IMAGE_FOLDERS = ['events', 'catalog'] as const
export type ImageFolder = (typeof IMAGE_FOLDERS)[number]

/** `cloud://<env>.<bucket>/images/<folder>/<name>.<jpg|jpeg|png|webp>`, the name of letters, digits, `-` and `_`. */
export const imageFileIdPattern = (folder: ImageFolder): RegExp =>
  new RegExp(`^cloud://[A-Za-z0-9-]{1,64}\\.[A-Za-z0-9-]{1,100}/images/${folder}/[A-Za-z0-9_-]{1,64}\\.(jpg|jpeg|png|webp)$`)
