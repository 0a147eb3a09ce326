import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/controls.css';
import './proposal.css';
import { ProposalApp } from './ProposalApp';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ProposalApp />
    </StrictMode>,
  );
}
