import type { MemberCodeProps } from '.'

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      /** The native component in src/components/member-code, registered in the card page's usingComponents. */
      'member-code': { number: string; secret: string; offset: number }
    }
  }
}

export const MemberCode = ({ memberNo, secret, offsetMs }: MemberCodeProps) => (
  <member-code number={memberNo} secret={secret ?? ''} offset={offsetMs} />
)
