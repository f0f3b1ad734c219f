import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { StoreDetailView } from '../../api/contract'
import { callCloud, messageOf } from '../../services/cloud'
import { useLoaded } from '../useLoaded'

/** My home store: call it, find it on the map, or move to another store (asked once more before moving). */
export const useHomeStore = () => {
  const loaded = useLoaded(() => callCloud('member', 'homeStore', {}))
  const [choosing, setChoosing] = useState(false)
  const [moving, setMoving] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const call = (store: StoreDetailView) => {
    void Taro.makePhoneCall({ phoneNumber: store.phone.replace(/[^\d+]/g, '') }).catch(() => undefined)
  }

  const navigate = (store: StoreDetailView) => {
    if (!store.location) return
    void Taro.openLocation({ ...store.location, name: store.name, address: store.address, scale: 17 }).catch(() =>
      Taro.showToast({ title: '请在微信中打开地图', icon: 'none' }).catch(() => undefined),
    )
  }

  const move = async (store: StoreDetailView) => {
    if (moving) return
    const { confirm } = await Taro.showModal({
      title: '更换我的门店',
      content: `确定将「${store.name}」设为我的门店？之后由该店导购为您服务。`,
      confirmText: '确定更换',
    })
    if (!confirm) return
    setMoving(store.id)
    setError(null)
    try {
      loaded.setData(await callCloud('member', 'changeStore', { storeId: store.id }))
      setChoosing(false)
      void Taro.showToast({ title: '已更换门店', icon: 'success' }).catch(() => undefined)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setMoving(null)
    }
  }

  return {
    state: loaded.state,
    retry: loaded.retry,
    call,
    navigate,
    choosing,
    choose: () => setChoosing((c) => !c),
    move: (s: StoreDetailView) => void move(s),
    moving,
    error,
  }
}
