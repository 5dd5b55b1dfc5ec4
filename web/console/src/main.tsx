// Entry of the staff console. The server stamps a fresh nonce on <meta property="csp-nonce">; Ant Design's
// runtime <style> tags carry it, so the CSP needs no 'unsafe-inline' (DESIGN §7.4).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/root.js';
import { nonceEveryCreatedStyle } from './app/style-nonce.js';
import './styles.css';

const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
// The nonce attribute is hidden from getAttribute once parsed; the property keeps it.
const nonce = meta?.nonce ?? '';
nonceEveryCreatedStyle(nonce);
const container = document.getElementById('root');
if (container === null) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <Root nonce={nonce} />
  </StrictMode>,
);
