import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Field } from '../../components/Field'
import { Picture } from '../../components/Picture'
import { pickAndUploadImage } from '../../services/imageUpload'
import { NO_COVER, type CoverDraft } from './eventForm'

/**
 * The event's cover: picked from the phone's album or camera, shrunk and uploaded at once (services/imageUpload), shown
 * as members will see it; changed or removed before the event is saved. Uploading is the operator's wait, so the save
 * itself only names the file.
 */
export const CoverPicker = ({ value, error, onChange }: { value: CoverDraft; error?: string; onChange: (cover: CoverDraft) => void }) => {
  const [uploading, setUploading] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const pick = async () => {
    if (uploading) return
    setUploading(true)
    setFailure(null)
    try {
      const image = await pickAndUploadImage('events')
      if (image) onChange({ fileID: image.fileID, src: image.previewSrc })
    } catch {
      setFailure('图片上传失败，请检查网络后重试')
    } finally {
      setUploading(false)
    }
  }
  return (
    <Field label="封面图片" error={error ?? failure ?? undefined} hint="选填；横图最佳（3:2），上传时自动压缩">
      {value.fileID === '' ? (
        <View className="cover-picker cover-picker--empty" onClick={() => void pick()}>
          <Text className="cover-picker__add">{uploading ? '正在上传…' : '＋ 上传封面'}</Text>
        </View>
      ) : (
        <View className="cover-picker">
          <Picture className="cover-picker__image" src={value.src} label={uploading ? '正在上传…' : '封面'} />
          <View className="cover-picker__actions">
            <Text className="cover-picker__action" onClick={() => void pick()}>
              {uploading ? '正在上传…' : '更换'}
            </Text>
            <Text className="cover-picker__action" onClick={() => onChange(NO_COVER)}>
              移除
            </Text>
          </View>
        </View>
      )}
    </Field>
  )
}
