import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './root.tsx';

const el = document.getElementById('root');
if (!el) throw new Error('#root missing in index.html');
createRoot(el).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
