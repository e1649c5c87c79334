// The single-file build (`dist/roleplay.html`, WebAssembly inlined) opens
// from file:// with no server at all and makes no request of any kind
// beyond the file itself — and keeps every feature of the served site:
// the helper worker (findings, fixes, exercise goals) runs from its
// inlined copy.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { T, useSuite, tid, waitFlowState, editorText } from './helpers.mjs';
import { DIST as DIST_DIR } from './server.mjs';

const env = useSuite();
const FILE = path.join(DIST_DIR, 'roleplay.html');

/**
 * Opens the single file at `query` in a fresh context and runs `fn(page)`;
 * then asserts no page error and no request but the file itself (and its
 * helper's `blob:` script).
 */
async function withSingleFile(query, fn) {
  assert.ok(existsSync(FILE), `${FILE} is built by \`cargo xtask dist\``);
  const ctx = await env.browser.newContext();
  try {
    const page = await ctx.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${FILE}${query}`);
    await page.waitForSelector(tid('flow-step-1'), { timeout: 20_000 });
    await fn(page);
    const others = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(others, [], 'no request besides the file itself');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
}

test('dist/roleplay.html works by double-click (file://)', T, async () => {
  await withSingleFile('?preset=09-expired-credentials&lang=ja', async (page) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    for (let i = 0; i < 4; i++) await page.click(tid('step-next'));
    await waitFlowState(page, 4, 'allowed');
    assert.equal(await page.getAttribute(tid('token'), 'data-state'), 'valid');
  });
});

test('the single file finds problems, proposes fixes and judges exercises with its inlined helper', T, async () => {
  await withSingleFile('?preset=01-cross-account-switch-role&lang=en&step=1', async (page) => {
    const text = await editorText(page, 'editor-identity');
    await page.fill(tid('editor-identity'), text.replace('"sts:AssumeRole"', '"sts:AssumeRoles"'));
    await waitFlowState(page, 1, 'denied');
    // The catalogue is inline too: "did you mean" needs it.
    const sel = `${tid('finding')}[data-code="INVALID_ACTION"]`;
    await page.waitForSelector(sel, { timeout: 30_000 });
    assert.match(await page.textContent(sel), /did you mean `sts:AssumeRole`\?/);
    await page.waitForSelector(tid('fix-apply-1'), { timeout: 30_000 });
    await page.click(tid('fix-apply-1'));
    await waitFlowState(page, 1, 'allowed');

    await page.goto(`file://${FILE}?exercise=1&lang=ja`);
    await page.waitForSelector(tid('goal-1'), { timeout: 30_000 });
    const trust = await editorText(page, 'editor-trust');
    await page.fill(tid('editor-trust'), trust.replace('333333333333', '222222222222'));
    await page.waitForSelector(`${tid('exercise-solved')}[data-state="solved"]`, { timeout: 30_000 });
  });
});
