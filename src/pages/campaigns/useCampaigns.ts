import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { CampaignView } from '../../api/contract'
import { AppError } from '../../domain/errors'
import { callCloud, messageOf } from '../../services/cloud'
import { couponUrl, ROUTES } from '../../routes'

export type CampaignsState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; campaigns: CampaignView[] }

/** Per campaign: a claim on its way, or the refusal to show under it, or the coupon it gave. */
export type ClaimState = { status: 'claiming' } | { status: 'failed'; message: string } | { status: 'claimed'; couponId: string }

/**
 * Campaigns the member may claim now or soon (VIPs first). A claim needs no request id: the coupon's key is
 * the campaign and the member, so claiming twice answers with the coupon already held.
 */
export const useCampaigns = () => {
  const [state, setState] = useState<CampaignsState>({ status: 'loading' })
  const [claims, setClaims] = useState<Record<string, ClaimState>>({})

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', campaigns: (await callCloud('member', 'campaigns', {})).campaigns })
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_MEMBER') {
        await Taro.redirectTo({ url: ROUTES.join })
        return
      }
      setState({ status: 'failed', message: messageOf(error) })
    }
  }, [])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))

  const claim = async (campaign: CampaignView) => {
    if (claims[campaign.id]?.status === 'claiming') return
    setClaims((all) => ({ ...all, [campaign.id]: { status: 'claiming' } }))
    try {
      const { coupon } = await callCloud('member', 'claimCampaign', { campaignId: campaign.id })
      setClaims((all) => ({ ...all, [campaign.id]: { status: 'claimed', couponId: coupon.id } }))
    } catch (error) {
      setClaims((all) => ({ ...all, [campaign.id]: { status: 'failed', message: messageOf(error) } }))
    }
  }

  return {
    state,
    claims,
    claim: (campaign: CampaignView) => void claim(campaign),
    retry: () => {
      setState({ status: 'loading' })
      void load()
    },
    openCoupon: (id: string) => void Taro.navigateTo({ url: couponUrl(id) }),
    openWallet: () => void Taro.navigateTo({ url: ROUTES.coupons }),
  }
}
