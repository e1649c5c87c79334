// Import and export of scenario files: export downloads the scenario as
// it is on screen; importing it back (or a broken file) loads it, and a
// broken file keeps every character and lists the errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { T, useSuite, withPage, openApp, editorText, tid, waitFlowState } from './helpers.mjs';

const env = useSuite();

test('export downloads the scenario; import loads a file', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=02-narrowed-trust&lang=en'));
    const trust = (await editorText(page, 'editor-trust')).replace('"Sid"', '"Sid" ');
    await page.fill(tid('editor-trust'), trust);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export'))]);
    assert.equal(download.suggestedFilename(), '02-narrowed-trust.json');
    const saved = readFileSync(await download.path(), 'utf8');
    const doc = JSON.parse(saved);
    assert.equal(doc.Scenario, 1);
    assert.equal(doc.Roles[0].AssumeRolePolicyDocument, trust, 'the edit is in the exported file');

    // Back to another preset, then import the file: the edit comes back.
    await page.selectOption(tid('preset-select'), '01-cross-account-switch-role');
    await page.waitForFunction((s) => !document.querySelector(s).value.includes('"Sid" '), tid('editor-trust'));
    await page.setInputFiles(tid('import-file'), { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
    await page.waitForFunction((s) => document.querySelector(s).value.includes('"Sid" '), tid('editor-trust'));
    for (let i = 0; i < 3; i++) await page.click(tid('step-next'));
    await waitFlowState(page, 3, 'allowed');

    // A broken file: loaded as typed, with a notice and the errors listed.
    const broken = saved.replace('"Scenario": 1', '"Scenario": 1,,');
    await page.setInputFiles(tid('import-file'), { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await page.waitForSelector(tid('load-errors'));
    await page.waitForSelector(tid('notice'));
    // Not JSON at all: the whole-document editor is shown by itself.
    assert.equal(await page.$(tid('tab-raw')), null);
    assert.equal(await editorText(page, 'editor-raw'), broken, 'nothing of the file is lost');
    assert.equal(await page.getAttribute(tid('editor-raw'), 'aria-invalid'), 'true');
  });
});
