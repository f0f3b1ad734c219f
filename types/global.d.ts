/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; a compile-time constant, so other platforms' branches are dropped. */
    TARO_ENV: 'weapp' | 'h5'
    /** Optional CloudBase environment id for the weapp build (`.env` / shell); unset means the default env. */
    TARO_APP_CLOUD_ENV?: string
  }
}
