import { Button, View } from '@tarojs/components'

/** The browser: the button downloads the file (an attachment, so the page stays); no raw link is shown. */
export const DataFileActions = ({ url }: { url: string }) => {
  const download = () => {
    const a = document.createElement('a')
    a.href = url
    a.rel = 'noopener'
    a.click()
  }
  return (
    <View className="privacy-file">
      <Button className="btn btn--primary privacy-file__action" onClick={download}>
        下载文件
      </Button>
    </View>
  )
}
