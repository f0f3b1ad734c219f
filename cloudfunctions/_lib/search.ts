/**
 * Text search in the operators' lists (stores, staff, operators): collections of tens to hundreds of documents,
 * where a regular expression over a field is cheap. The typed text is escaped: it is searched for, never run.
 */
import { db } from './cloud'

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The text anywhere in the field, any case. */
export const containing = (text: string) => db.RegExp({ regexp: escapeRegExp(text), options: 'i' })

/** A code (a staff or operator number) that starts with the text, typed in any case. */
export const codeStartingWith = (text: string) => db.RegExp({ regexp: `^${escapeRegExp(text.toUpperCase())}` })
