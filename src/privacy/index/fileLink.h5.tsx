import { Button, Text, View } from '@tarojs/components'

/** The browser: the link downloads the file (an attachment, so the page stays). */
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
      <Text className="privacy-file__url" userSelect>
        {url}
      </Text>
    </View>
  )
}
