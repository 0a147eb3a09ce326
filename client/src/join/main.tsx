import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/lists.css';
import './join.css';
import { JoinApp } from './JoinApp';
import { registerJoinShell } from './registerJoinShell';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <JoinApp />
    </StrictMode>,
  );
}

registerJoinShell();
