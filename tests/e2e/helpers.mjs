// Shared helpers for the end-to-end tests: one static server and one
// Chromium per test file, a fresh browser context per test, and pages that
// record every request, uncaught exception, console error and
// Content-Security-Policy violation so that each test can end by asserting
// the page stayed on its own origin and quiet.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, SUB_PATH, DIST } from './server.mjs';

// playwright-core lives in tools/node_modules (no package.json at the root).
const { chromium } = await import(
  new URL('../../tools/node_modules/playwright-core/index.mjs', import.meta.url).href
);

export { SUB_PATH };
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCENARIOS = path.join(ROOT, 'scenarios');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

/** Options for each test: a hung page fails the test instead of the run. */
export const T = { timeout: 90_000 };

/** The flow-step states the page may show (`data-state`). */
export const FLOW_STATES = new Set(['pending', 'active', 'allowed', 'denied', 'error', 'skipped', 'notNeeded', 'sent', 'rejected', 'notReached']);

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium; never a downloaded browser. */
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
}

/**
 * Registers before/after hooks for the current test file: one server and one
 * browser, shared by its tests. Returns an object whose `server` and
 * `browser` are filled in once `before` has run.
 */
export function useSuite() {
  const env = { server: null, browser: null };
  before(async () => {
    if (!existsSync(path.join(DIST, 'index.html'))) {
      throw new Error(`${DIST}/index.html is missing: build the site first with\n` +
        '  cargo xtask dist');
    }
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Is this URL allowed to be requested: the local server, data: or blob:? */
export function isLocalUrl(u) {
  let url;
  try {
    url = new URL(u);
  } catch {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') {
    return url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  }
  return false;
}

// What each context has seen, shared by all its pages (service worker
// fetches are reported on the context, not on a page).
const contextLogs = new WeakMap();

function logFor(ctx) {
  let log = contextLogs.get(ctx);
  if (!log) {
    // `origin`: the first page's origin; any http(s) request to another
    // origin (even another local port) is recorded as non-local.
    log = { requests: [], nonLocal: [], errors: [], origin: null };
    const seen = new WeakSet();
    const record = (req) => {
      if (seen.has(req)) return;
      seen.add(req);
      const u = req.url();
      log.requests.push(u);
      let origin = null;
      try {
        const url = new URL(u);
        if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
      } catch { /* not a URL: isLocalUrl rejects it */ }
      if (origin && !log.origin) log.origin = origin;
      if (!isLocalUrl(u) || (origin && origin !== log.origin)) log.nonLocal.push(u);
    };
    ctx.on('request', record);
    log.record = record;
    contextLogs.set(ctx, log);
  }
  return log;
}

/**
 * A new page in `ctx` that records every request (`page.log.requests`),
 * the non-local ones (`page.log.nonLocal`), uncaught exceptions and console
 * errors (`page.log.errors`). `assertClean(page)` checks them.
 */
export async function newPage(ctx) {
  const log = logFor(ctx);
  if (!log.watchingCsp) {
    // Every Content-Security-Policy violation in any page of the context
    // is an error (Chromium also logs it on the console).
    log.watchingCsp = true;
    await ctx.exposeBinding('__roleplayCspViolation', (_source, v) => log.errors.push(`csp violation: ${v}`));
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__roleplayCspViolation?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
  }
  const page = await ctx.newPage();
  page.on('request', log.record);
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console.error: ${m.text()}`);
  });
  page.log = log;
  return page;
}

/**
 * Asserts that the page (its context) made no request off its own origin
 * and logged no error and no Content-Security-Policy violation.
 */
export function assertClean(page) {
  assert.deepEqual(page.log.nonLocal, [], 'requests that left the page\'s own origin');
  assert.deepEqual(page.log.errors, [], 'page errors / console errors / CSP violations');
}

/**
 * Runs `fn({ ctx, page })` in a fresh context (fresh storage) and then asserts
 * the page stayed clean. `options` go to browser.newContext (viewport,
 * locale, …). The context is always closed.
 */
export async function withPage(env, options, fn) {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  try {
    const page = await newPage(ctx);
    await fn({ ctx, page });
    assertClean(page);
  } finally {
    await ctx.close();
  }
}

// ---------------------------------------------------------------- the app

/** `[data-testid="…"]` */
export const tid = (id) => `[data-testid="${id}"]`;

/** Opens `url` and waits for the app (WebAssembly) to render its flow list. */
export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForSelector(tid('flow-step-1'), { timeout: 20_000 });
}

/** `{ cursor, total }` from the position indicator. */
export async function position(page) {
  return page.$eval(tid('position'), (el) => ({
    cursor: Number(el.dataset.cursor),
    total: Number(el.dataset.total),
  }));
}

/** The `data-state` of flow steps 1–5. */
export async function flowStates(page) {
  return page.$$eval('[data-testid^="flow-step-"]', (els) =>
    els
      .sort((a, b) => a.dataset.testid.localeCompare(b.dataset.testid))
      .map((el) => ({ state: el.dataset.state, current: el.getAttribute('aria-current') })),
  );
}

/** The state of flow step `n`. */
export async function flowState(page, n) {
  return page.getAttribute(tid(`flow-step-${n}`), 'data-state');
}

/** Waits until flow step `n` shows `state`. */
export async function waitFlowState(page, n, state, timeout = 5_000) {
  try {
    await page.waitForSelector(`${tid(`flow-step-${n}`)}[data-state="${state}"]`, { timeout, state: 'attached' });
  } catch (e) {
    throw new Error(`flow-step-${n} never became ${state} (is ${await flowState(page, n)}): ${e.message}`);
  }
}

/** The narration's data attributes, or null when there is none. */
export async function narration(page) {
  const el = await page.$(tid('narration'));
  if (!el) return null;
  return el.evaluate((n) => ({
    step: n.dataset.step === undefined ? null : Number(n.dataset.step),
    outcome: n.dataset.outcome ?? '',
    errorCode: n.dataset.errorCode ?? '',
    complete: n.dataset.complete === 'true',
  }));
}

/** Clicks step-next and waits for the cursor to move by one. */
export async function stepNext(page) {
  const { cursor } = await position(page);
  await page.click(tid('step-next'));
  await page.waitForSelector(`${tid('position')}[data-cursor="${cursor + 1}"]`, { state: 'attached', timeout: 5_000 });
}

/** Steps forward until `pred()` holds (at most to the end). */
export async function stepUntil(page, pred, what = 'condition') {
  for (;;) {
    if (await pred()) return;
    const { cursor, total } = await position(page);
    if (cursor >= total) throw new Error(`walked to the end (${cursor}/${total}) without ${what}`);
    await stepNext(page);
  }
}

/** The text in an editor textarea. */
export function editorText(page, testid) {
  return page.inputValue(tid(testid));
}

/** Reads all preset scenario files: `[{ name, scenario }]`, sorted. */
export function loadPresets() {
  return readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), scenario: JSON.parse(readFileSync(path.join(SCENARIOS, f), 'utf8')) }));
}

/** Saves a full-page screenshot into docs/screenshots/. */
export async function screenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true, animations: 'disabled', ...options });
}
