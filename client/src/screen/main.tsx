import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import './screen.css';
import { ScreenApp } from './ScreenApp';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ScreenApp />
    </StrictMode>,
  );
}
