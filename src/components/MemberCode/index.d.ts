/**
 * The dynamic member code for the till (src/domain/memberCode.ts). Platform files: index.weapp.tsx wraps the
 * native `member-code` component (its countdown ticks without re-rendering the page); index.h5.tsx draws the
 * same face in React. Both make the code on the phone from the kept secret: no network needed.
 */
import type { ReactElement } from 'react'

export interface MemberCodeProps {
  memberNo: string
  /** The member's code secret from the phone's storage; null when this device has none yet. */
  secret: string | null
  /** Server time minus phone time (ms), as last learned online. */
  offsetMs: number
}

export declare const MemberCode: (props: MemberCodeProps) => ReactElement
