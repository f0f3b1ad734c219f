import { Button } from '@tarojs/components'

/** WeChat's share sheet; what it sends is the page's useShareAppMessage (the path is read there). */
export const ShareButton = (_props: { path: string }) => (
  <Button className="btn btn--primary invite-page__share" openType="share">
    邀请好友
  </Button>
)
