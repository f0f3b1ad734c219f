import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'

/**
 * The browser preview has no WeChat to share with: the same path becomes a link to this H5 app, copied and
 * shown (to copy by hand where the browser refuses the clipboard). The page says it was copied, so the
 * clipboard is written directly rather than through Taro's API, which adds a toast of its own.
 */
export const ShareButton = ({ path }: { path: string }) => {
  const [copied, setCopied] = useState<boolean | null>(null)
  const link = `${window.location.origin}${window.location.pathname}#${path}`
  const share = async () => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <>
      <Button className="btn btn--primary invite-page__share" onClick={() => void share()}>
        邀请好友
      </Button>
      {copied !== null && (
        <View className="invite-page__link">
          <Text className="invite-page__link-hint">{copied ? '邀请链接已复制，发给好友即可' : '复制下面的邀请链接，发给好友'}</Text>
          <Text className="invite-page__link-url" userSelect>
            {link}
          </Text>
        </View>
      )}
    </>
  )
}
