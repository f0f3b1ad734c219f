/**
 * What a member can do with their data file's temporary link, one way per platform (Taro's platform files): in
 * the browser, download it (the link answers it as an attachment); in WeChat, which opens no JSON file
 * (wx.openDocument takes office documents and PDF), copy the link to open elsewhere. This declaration is what
 * TypeScript sees.
 */
import type { ReactElement } from 'react'

export declare const DataFileActions: (props: { url: string }) => ReactElement
