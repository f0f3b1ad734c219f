/**
 * Typed reads over wx-server-sdk, whose own typings answer `Promise<IQueryResult> | void | string`.
 * With throwOnNotFound: false, a missing document reads as null.
 */
type Readable = { get(): unknown }

export const readDoc = async <T>(ref: Readable): Promise<T | null> => ((await ref.get()) as { data: T | null }).data ?? null

export const readMany = async <T>(query: Readable): Promise<T[]> => ((await query.get()) as { data: T[] }).data
