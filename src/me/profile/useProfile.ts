import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ProfileView } from '../../api/contract'
import type { MessageKinds } from '../../domain/member'
import { callCloud, messageOf } from '../../services/cloud'
import { useLoaded } from '../useLoaded'
import { checkProfile, draftOf, profileErrorsFrom, type ProfileDraft, type ProfileErrors, type ProfileRow } from './profileForm'

type TextRow = 'name' | 'clothingSize' | 'shoeSize' | 'colours' | 'styles' | 'recipient' | 'phone' | 'address'

/** My profile: load, edit a draft, save all of it (or, refused, none of it: the errors at their rows). */
export const useProfile = () => {
  const [draft, setDraft] = useState<ProfileDraft | null>(null)
  const [errors, setErrors] = useState<ProfileErrors>({})
  const [saving, setSaving] = useState(false)
  const [savedAt, setSavedAt] = useState<number | null>(null)
  const loaded = useLoaded(async () => {
    const view = await callCloud('member', 'profile', {})
    setDraft(draftOf(view))
    return view
  })

  const clear = (row: ProfileRow) => {
    setSavedAt(null)
    setErrors((all) => {
      const { [row]: _gone, form: _form, ...rest } = all
      return rest
    })
  }
  const edit = (change: (d: ProfileDraft) => ProfileDraft, row: ProfileRow) => {
    setDraft((d) => (d ? change(d) : d))
    clear(row)
  }

  const save = async () => {
    if (!draft || saving) return
    const checked = checkProfile(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setSaving(true)
    try {
      const view: ProfileView = await callCloud('member', 'updateProfile', checked.input)
      loaded.setData(view)
      setDraft(draftOf(view))
      setErrors({})
      setSavedAt(Date.now())
      void Taro.showToast({ title: '已保存', icon: 'success' }).catch(() => undefined)
    } catch (error) {
      setErrors(profileErrorsFrom(error, messageOf(error)))
    } finally {
      setSaving(false)
    }
  }

  return {
    state: loaded.state,
    retry: loaded.retry,
    draft,
    errors,
    saving,
    saved: savedAt !== null,
    setText: (row: TextRow, value: string) => edit((d) => ({ ...d, [row]: value }), row),
    /** A change computed from the row's latest value (chips: two quick taps before a render both count). */
    updateText: (row: TextRow, next: (value: string) => string) => edit((d) => ({ ...d, [row]: next(d[row]) }), row),
    setChild: (i: number, key: 'name' | 'size', value: string) =>
      edit((d) => ({ ...d, children: d.children.map((c, j) => (j === i ? { ...c, [key]: value } : c)) }), 'children'),
    addChild: () => edit((d) => ({ ...d, children: [...d.children, { name: '', size: '' }] }), 'children'),
    removeChild: (i: number) => edit((d) => ({ ...d, children: d.children.filter((_, j) => j !== i) }), 'children'),
    toggleMessage: (key: keyof MessageKinds) => edit((d) => ({ ...d, messages: { ...d.messages, [key]: !d.messages[key] } }), 'messages'),
    save: () => void save(),
  }
}
