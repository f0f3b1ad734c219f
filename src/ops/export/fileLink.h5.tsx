import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'

/** The browser: the link downloads the file (an attachment, so the page stays); the link can be copied too. */
export const FileActions = ({ url }: { url: string }) => {
  const [copied, setCopied] = useState<boolean | null>(null)
  const download = () => {
    const a = document.createElement('a')
    a.href = url
    a.rel = 'noopener'
    a.click()
  }
  const copy = () =>
    Taro.setClipboardData({ data: url }).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  return (
    <View className="export-file">
      <Button className="btn btn--primary export-file__action" onClick={download}>
        下载文件
      </Button>
      <Text className="ops-page__link export-file__copy" onClick={() => void copy()}>
        复制下载链接
      </Text>
      {copied !== null && (
        <Text className="export-file__hint">{copied ? '链接已复制' : '浏览器不允许复制，请长按或选中下面的链接复制'}</Text>
      )}
      {copied !== null && (
        <Text className="export-file__url" userSelect>
          {url}
        </Text>
      )}
    </View>
  )
}
