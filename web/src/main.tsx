// Entry point: mounts the app into #root.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles/base.css'
import './styles/layout.css'
import './styles/content.css'
import './styles/forms.css'
import './styles/vendors.css'
import './styles/metrics.css'
import { App } from './App'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
