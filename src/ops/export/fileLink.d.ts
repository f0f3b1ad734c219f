/**
 * What an operator can do with an export's temporary link, one way per platform by Taro's platform files: in
 * the browser, download the file (the link answers it as an attachment) or copy the link; in WeChat, which
 * cannot open a CSV file (wx.openDocument takes no CSV), copy the link to open on a computer. This declaration
 * is what TypeScript sees.
 */
import type { ReactElement } from 'react'

export declare const FileActions: (props: { url: string }) => ReactElement
