import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import './app.scss'

// TARO_ENV is a build-time constant: the H5 build drops this branch (it talks to the local cloud instead).
if (process.env.TARO_ENV === 'weapp') {
  // Without an env id, wx.cloud uses the mini-program's default environment (the client's DYNAMIC_CURRENT_ENV).
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
}

const App = ({ children }: PropsWithChildren) => children

export default App
