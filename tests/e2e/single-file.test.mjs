// The single-file build (`dist/roleplay.html`, WebAssembly inlined) opens
// from file:// with no server at all and makes no request of any kind
// beyond the file itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { T, useSuite, tid, waitFlowState } from './helpers.mjs';
import { DIST as DIST_DIR } from './server.mjs';

const env = useSuite();

test('dist/roleplay.html works by double-click (file://)', T, async () => {
  const file = path.join(DIST_DIR, 'roleplay.html');
  assert.ok(existsSync(file), `${file} is built by \`cargo xtask dist\``);
  const ctx = await env.browser.newContext();
  try {
    const page = await ctx.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${file}?preset=09-expired-credentials&lang=ja`);
    await page.waitForSelector(tid('flow-step-1'), { timeout: 20_000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    for (let i = 0; i < 4; i++) await page.click(tid('step-next'));
    await waitFlowState(page, 4, 'allowed');
    assert.equal(await page.getAttribute(tid('token'), 'data-state'), 'valid');
    const others = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'));
    assert.deepEqual(others, [], 'no request besides the file itself');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
