/**
 * The "邀请好友" button, one way per platform by Taro's platform files: on WeChat it opens the share sheet
 * (`openType="share"`; the page's useShareAppMessage gives the card its title and path); in the browser
 * preview, which has no WeChat to share with, it copies the invitation link and shows it. This declaration is
 * what TypeScript sees.
 */
import type { ReactElement } from 'react'

export declare const ShareButton: (props: { path: string }) => ReactElement
