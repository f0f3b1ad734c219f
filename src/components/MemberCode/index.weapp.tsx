import type { MemberCodeProps } from '.'

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      /** The native component in src/components/member-code, registered in the card page's usingComponents. */
      'member-code': { value: string }
    }
  }
}

export const MemberCode = ({ memberNo }: MemberCodeProps) => <member-code value={memberNo} />
