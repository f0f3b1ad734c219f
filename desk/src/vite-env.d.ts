/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The CloudBase environment id of a production build; unset: the local cloud that serves the desk. */
  readonly VITE_CLOUDBASE_ENV?: string
  readonly VITE_CLOUDBASE_REGION?: string
}
