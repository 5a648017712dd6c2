/// <reference types="vite/client" />
// The sampler as an installable PWA: its manifest is linked only while the sampler page is open (the
// rest of the platform is not an app to install), and its service worker is scoped to /sampler, so
// only this page is ever served from the cache. The worker itself is web/public/sw.js.
import { useEffect } from 'react';

export const SAMPLER_SCOPE = '/sampler';

export function registerSamplerServiceWorker(): void {
  // The dev server serves source modules that must never be cached.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: SAMPLER_SCOPE }).catch((err: unknown) => {
    console.warn('sampler service worker not registered', err);
  });
}

/**
 * Fetches the camera decoder chunk through the service worker once it controls the page, so the
 * camera also works after an offline reload (that chunk is loaded by import() and is not named in
 * index.html, which is all the worker caches at install).
 */
function warmCameraDecoder(): () => void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return () => undefined;
  let timer = 0;
  const warm = () => {
    if (!navigator.serviceWorker.controller || !navigator.onLine) return;
    timer = window.setTimeout(() => void import('./barcode-reader.ts').catch(() => undefined), 2_000);
  };
  if (navigator.serviceWorker.controller) warm();
  else navigator.serviceWorker.addEventListener('controllerchange', warm, { once: true });
  return () => {
    window.clearTimeout(timer);
    navigator.serviceWorker.removeEventListener('controllerchange', warm);
  };
}

function headElement(tag: 'link' | 'meta', attrs: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.dataset.sampler = 'pwa';
  document.head.appendChild(el);
  return el;
}

export function useSamplerPwa(): void {
  useEffect(() => {
    const added = [
      headElement('link', { rel: 'manifest', href: '/sampler.webmanifest' }),
      headElement('meta', { name: 'theme-color', content: '#c0392b' }),
      headElement('link', { rel: 'apple-touch-icon', href: '/sampler-icon-192.png' }),
    ];
    registerSamplerServiceWorker();
    const stopWarming = warmCameraDecoder();
    return () => {
      stopWarming();
      added.forEach((el) => el.remove());
    };
  }, []);
}
