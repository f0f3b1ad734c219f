import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ConfigProvider } from 'tdesign-react'
import zhCN from 'tdesign-react/es/locale/zh_CN'
// TDesign's theme tokens (colours, sizes) that every component's own stylesheet reads.
import 'tdesign-react/es/style/index.css'
import { App } from './App'
import './desk.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider globalConfig={zhCN}>
      <App />
    </ConfigProvider>
  </StrictMode>,
)
