import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { ensurePrivacyAuthorized, PRIVACY_DECLINED } from '../../services/privacyAuth'

/**
 * WeChat opens no such file: the member copies the link (the clipboard asks for the privacy guide's consent). The raw
 * link is shown only when copying fails, to be copied by a long press.
 */
export const DataFileActions = ({ url }: { url: string }) => {
  const [note, setNote] = useState('微信内无法打开该文件，请复制链接后在浏览器中打开')
  const [showLink, setShowLink] = useState(false)
  const copy = async () => {
    if (!(await ensurePrivacyAuthorized())) return setNote(PRIVACY_DECLINED)
    await Taro.setClipboardData({ data: url }).then(
      () => setNote('链接已复制，请在浏览器中打开下载'),
      () => {
        setNote('复制失败，请长按下面的链接复制')
        setShowLink(true)
      },
    )
  }
  return (
    <View className="privacy-file">
      <Button className="btn btn--primary privacy-file__action" onClick={() => void copy()}>
        复制下载链接
      </Button>
      <Text className="privacy-file__hint">{note}</Text>
      {showLink && (
        <Text className="privacy-file__url" userSelect>
          {url}
        </Text>
      )}
    </View>
  )
}
