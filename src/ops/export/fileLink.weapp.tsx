import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { ensurePrivacyAuthorized } from '../../services/privacyAuth'

/**
 * WeChat cannot open a CSV file (wx.openDocument takes doc, xls, ppt, pdf and their x-forms, not csv), so the
 * operator copies the link and opens it in a computer's browser, where it downloads.
 */
export const FileActions = ({ url }: { url: string }) => {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    // The clipboard is a privacy API: WeChat asks for the privacy guide's consent first.
    if (!(await ensurePrivacyAuthorized())) return setCopied(false)
    await Taro.setClipboardData({ data: url }).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  }
  return (
    <View className="export-file">
      <Button className="btn btn--primary export-file__action" onClick={() => void copy()}>
        复制下载链接
      </Button>
      <Text className="export-file__hint">
        {copied ? '链接已复制，请在电脑浏览器中打开下载' : '微信内无法打开 CSV 文件，请复制链接到电脑浏览器中下载'}
      </Text>
      <Text className="export-file__url" userSelect>
        {url}
      </Text>
    </View>
  )
}
