// roleplay's service worker: after the first visit the playground works
// with the network off. It learns the files to keep from index.html itself
// (Trunk gives them content hashes), so it needs no build step, and it only
// ever talks to the site's own origin.
const CACHE = 'roleplay-v1';
// Files the page fetches later, not named in index.html (see xtask's LAZY).
const LAZY = ['presets.json', 'exercises.json', 'assist_loader.js', 'assist.js', 'assist_bg.wasm', 'catalogue.txt'];
const scope = new URL(self.registration.scope);

async function precache() {
  const cache = await caches.open(CACHE);
  const index = new URL('./', scope).href;
  const res = await fetch(index, { cache: 'no-cache' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(index, res);
  // Attributes may be quoted or not (the release build minifies the HTML).
  const assets = [...html.matchAll(/(?:href|src)=["'`]?([^"'`\s>#?]+)/g)]
    .map((m) => m[1])
    // What the page loads only when asked (the preset texts), kept too.
    .concat(LAZY)
    .map((p) => new URL(p, index))
    .filter((u) => u.origin === scope.origin);
  await Promise.all(assets.map(async (u) => {
    try {
      const r = await fetch(u.href);
      if (r.ok) await cache.put(u.href, r);
    } catch (_) { /* offline during install: try again next visit */ }
  }));
}

self.addEventListener('install', (e) => {
  e.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== scope.origin) return;
  const isPage = e.request.mode === 'navigate';
  e.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (isPage) {
      // The page: fresh when online (new builds), cached when not.
      try {
        const r = await fetch(e.request);
        if (r.ok) await cache.put(new URL('./', scope).href, r.clone());
        return r;
      } catch (_) {
        return (await cache.match(new URL('./', scope).href)) || Response.error();
      }
    }
    // Files without a content hash (the preset texts) change with a new
    // build: fresh when online, cached when not.
    if (LAZY.some((p) => url.href === new URL(p, scope).href)) {
      try {
        const r = await fetch(e.request);
        if (r.ok) await cache.put(url.href, r.clone());
        return r;
      } catch (_) {
        return (await cache.match(url.href)) || Response.error();
      }
    }
    // Hashed assets never change: cache first.
    const hit = await cache.match(e.request, { ignoreSearch: true });
    if (hit) return hit;
    const r = await fetch(e.request);
    if (r.ok) await cache.put(e.request, r.clone());
    return r;
  })());
});
