import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/controls.css';
import './platform.css';
import { PlatformApp } from './PlatformApp';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PlatformApp />
    </StrictMode>,
  );
}
