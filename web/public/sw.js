// Service worker of the sampler app (registered by web/src/features/sampler/sampler-pwa.ts with
// scope /sampler, so it controls the sampler page only). It keeps the app shell on the device:
//   - navigations (the page itself, i.e. index.html): network first, the cached shell when offline;
//   - /assets/* (hashed, immutable build files) and the PWA's icons: cache first;
//   - everything else, and /api/ above all, is never answered from the cache (not even looked at).
const VERSION = 'v1';
const SHELL_CACHE = `cordon-sampler-shell-${VERSION}`;
const ASSET_CACHE = `cordon-sampler-assets-${VERSION}`;
const SHELL_URL = '/sampler';
const STATIC_FILES = ['/sampler.webmanifest', '/sampler-icon.svg', '/sampler-icon-192.png', '/sampler-icon-512.png'];

/** The build files the shell names (entry script, its preloaded chunks, styles). */
function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

async function cacheShell(response) {
  const html = await response.clone().text();
  const shell = await caches.open(SHELL_CACHE);
  await shell.put(SHELL_URL, response.clone());
  const assets = await caches.open(ASSET_CACHE);
  const missing = [];
  for (const url of assetsOf(html)) if (!(await assets.match(url))) missing.push(url);
  await assets.addAll(missing);
  // Old builds' files go once the new shell and all its files are in.
  const wanted = new Set([...assetsOf(html), ...STATIC_FILES].map((u) => new URL(u, self.location.origin).href));
  for (const req of await assets.keys()) {
    if (!wanted.has(req.url) && new URL(req.url).pathname.startsWith('/assets/') && !(await isLazyChunk(req))) await assets.delete(req);
  }
}

/** Chunks loaded later by import() are not named in the shell; keep those fetched in the last week. */
async function isLazyChunk(req) {
  const res = await (await caches.open(ASSET_CACHE)).match(req);
  const at = Number(res?.headers.get('x-sampler-cached-at') ?? 0);
  return Date.now() - at < 7 * 24 * 3_600_000;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch(SHELL_URL, { cache: 'no-store' });
      if (res.ok) await cacheShell(res);
      await (await caches.open(ASSET_CACHE)).addAll(STATIC_FILES);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('cordon-sampler-') && name !== SHELL_CACHE && name !== ASSET_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function networkFirstShell(request) {
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
      // Refreshing the cache must not hold up the page.
      cacheShell(res.clone()).catch(() => undefined);
    }
    return res;
  } catch (err) {
    const cached = await (await caches.open(SHELL_CACHE)).match(SHELL_URL);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSET_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') {
    const headers = new Headers(res.headers);
    headers.set('x-sampler-cached-at', String(Date.now()));
    const body = await res.clone().blob();
    await cache.put(request, new Response(body, { status: res.status, statusText: res.statusText, headers }));
  }
  return res;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || STATIC_FILES.includes(url.pathname)) event.respondWith(cacheFirst(request));
});
