/**
 * The member code for the till. Platform files: index.weapp.tsx wraps the native `member-code` component
 * (its clock ticks without re-rendering the page); index.h5.tsx draws the same face in React.
 */
import type { ReactElement } from 'react'

export interface MemberCodeProps {
  memberNo: string
}

export declare const MemberCode: (props: MemberCodeProps) => ReactElement
