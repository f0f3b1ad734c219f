/**
 * Input schemas, checked once at the edge of every cloud function (and reused by forms for instant
 * feedback). Unknown fields are dropped, never trusted: identity comes from the cloud context only.
 *
 * Each function's inputs live in its own module (memberSchemas, staffSchemas, eventSchemas, opsSchemas,
 * exportSchemas; the rules editor's in programSchema, the privacy rights' in privacySchemas), the field rules
 * they share in sharedSchemas and fields. This module gathers them for importers that want one place.
 */
// The shopper's join form and the shared field rules live in their own modules so the main package carries
// only them, not every staff and operator schema (weapp main package budget: 500 KB).
export { check, int, PLAIN_TEXT, PROFILE_TEXT, SIZE_TEXT } from './fields'
export { JoinOfferSchema, JoinSchema, type JoinInput, type JoinOfferInput } from './joinSchema'
export * from './sharedSchemas'
export * from './memberSchemas'
export * from './staffSchemas'
export * from './eventSchemas'
export * from './opsSchemas'
export * from './exportSchemas'
export * from './deskSchemas'
