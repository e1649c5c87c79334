// The page is locked down by a Content-Security-Policy in a <meta> (so it
// holds wherever the files are served from): scripts, styles and the
// service worker only from the site itself, no inline script or style,
// requests only to the site. Every other e2e test already fails on a
// violation or a request off the page's origin (helpers.mjs); this one
// checks the policy is there and really enforced.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { T, useSuite, withPage, launch, openApp, tid, stepNext } from './helpers.mjs';
import { DIST } from './server.mjs';

const env = useSuite();

/** The CSP of an HTML file, as directive → sources. */
function policyOf(html) {
  const m = html.match(/<meta[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i);
  assert.ok(m, 'a CSP <meta>');
  const content = m[0].match(/content="([^"]*)"/)[1];
  return Object.fromEntries(content.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
}

test('the served page has a strict policy and nothing inline', T, () => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const p = policyOf(html);
  assert.deepEqual(p['default-src'], ["'none'"]);
  assert.deepEqual(p['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(p['style-src'], ["'self'"]);
  assert.deepEqual(p['connect-src'], ["'self'"]);
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline <script>');
  assert.ok(!/<style/.test(html) && !/\sstyle=/.test(html), 'no inline style');
  assert.ok(!/nonce=/.test(html), 'no build-time nonce');
});

test('the policy is enforced: an injected script and a request elsewhere are refused', T, async () => {
  const ctx = await env.browser.newContext();
  try {
    const page = await ctx.newPage();
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    const seen = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      const el = document.createElement('div');
      el.setAttribute('style', 'color: red');
      document.body.append(el);
      let fetched = 'no';
      try {
        await fetch('http://127.0.0.2:9/');
        fetched = 'yes';
      } catch {
        fetched = 'refused';
      }
      await new Promise((r) => setTimeout(r, 200));
      return { ran: window.__injected === true, fetched, violations };
    });
    assert.equal(seen.ran, false, 'the inline script did not run');
    assert.equal(seen.fetched, 'refused');
    assert.ok(seen.violations.includes('script-src-elem'), seen.violations.join());
    assert.ok(seen.violations.includes('style-src-attr'), seen.violations.join());
    assert.ok(seen.violations.includes('connect-src'), seen.violations.join());
  } finally {
    await ctx.close();
  }
});

test('walking, editing, sharing and exporting raise no violation', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=09-expired-credentials&lang=en'));
    for (let i = 0; i < 4; i++) await stepNext(page);
    await page.click(tid('clock-advance'));
    await page.fill(tid('editor-trust'), (await page.inputValue(tid('editor-trust'))).replace('"Sid"', '"Sid" '));
    await page.hover(tid('share-link'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export'))]);
    assert.ok(download.suggestedFilename().endsWith('.json'));
  });
});

test('the single file allows exactly its own inline script and style, by hash', T, async () => {
  const file = path.join(DIST, 'roleplay.html');
  const html = readFileSync(file, 'utf8');
  const p = policyOf(html);
  assert.equal(p['script-src'].filter((s) => s.startsWith("'sha256-")).length, 1, p['script-src'].join(' '));
  assert.equal(p['style-src'].length, 1);
  assert.ok(p['style-src'][0].startsWith("'sha256-"));
  assert.deepEqual(p['default-src'], ["'none'"]);
  assert.equal((html.match(/http-equiv=["']?Content-Security-Policy/g) || []).length, 1, 'one policy');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const violations = [];
    await page.exposeFunction('__violation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__violation(e.effectiveDirective)));
    await page.goto(`file://${file}?preset=01-cross-account-switch-role`);
    await page.waitForSelector(tid('flow-step-1'), { timeout: 20_000 });
    await page.click(tid('step-next'));
    assert.deepEqual(violations, []);
  } finally {
    await browser.close();
  }
});
