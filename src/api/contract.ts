/**
 * The one contract between the mini-program and the cloud functions: every function, its actions, their
 * inputs and outputs. Pages call `callCloud('member', 'getCard', {})` and get these types back.
 *
 * Each function's actions and views live in a module of its own (member, staff, event, ops, setup, export, desk), what they
 * share in shared; this module puts them together as `Api` and derives each action's input and output from it.
 */
import type { DeskApi } from './desk'
import type { EventApi } from './event'
import type { ExportApi } from './export'
import type { ImportApi } from './import'
import type { MemberApi } from './member'
import type { OpsApi } from './ops'
import type { SetupApi } from './setup'
import type { StaffApi } from './staff'
import type { TeamApi } from './storeAdmin'

export type * from './shared'
export type * from './member'
export type * from './staff'
export type * from './event'
export type * from './ops'
export type * from './opsMembers'
export type * from './catalogAdmin'
export type * from './storeAdmin'
export type * from './export'
export type * from './desk'
export type * from './pos'
export type * from './import'

export interface Api {
  member: MemberApi
  /** A store manager's team (TeamApi) is served by the staff function too. */
  staff: StaffApi & TeamApi
  event: EventApi
  ops: OpsApi
  /** Setting the program up: coupon templates, the points catalog, stores, staff, operators (mostly the desk's). */
  setup: SetupApi
  /** Operators' CSV exports, in a function of their own so that the heavy reads never slow `ops`. */
  export: ExportApi
  /** The operators' desk signing in by scanning, and its sessions. */
  desk: DeskApi
  /** Importing a brand's existing members from a file (a function of its own: its parser is bigger than the others). */
  import: ImportApi
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never
