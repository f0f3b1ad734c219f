/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The CloudBase environment id of a production build; unset: the local cloud that serves the desk. */
  readonly VITE_CLOUDBASE_ENV?: string
  readonly VITE_CLOUDBASE_REGION?: string
  /** A Tencent Maps (LBS) key: the store dialog's 在地图上选点 opens Tencent's location picker with it; unset, no link. */
  readonly VITE_TMAP_KEY?: string
}
