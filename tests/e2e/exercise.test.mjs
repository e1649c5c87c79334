// Exercises that check themselves, in the page: the goals as a checklist
// that follows the learner's typing, hints one at a time, "solved" kept per
// exercise, the index with ✓, and the message to a host page when an
// embedded exercise is solved.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, tid, editorText, screenshot } from './helpers.mjs';

const env = useSuite();

async function states(page) {
  return page.$$eval('[data-testid^="goal-"]', (els) => els.map((e) => e.dataset.state));
}

test('an exercise is solved by typing: the checklist turns green, hints one at a time, solved is kept', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?exercise=1&lang=en'));
    await page.waitForSelector(tid('goal-1'), { timeout: 30_000 });
    assert.equal(await page.getAttribute(tid('exercise-solved'), 'data-state'), 'unsolved');
    const before = await states(page);
    assert.equal(before.length, 5);
    assert.ok(before.includes('unmet'), before.join());
    // A hint at a time.
    assert.equal(await page.$$eval(`${tid('hints')} li`, (l) => l.length).catch(() => 0), 0);
    await page.click(tid('hint-next'));
    await page.waitForSelector(`${tid('hints')} li`);
    assert.equal(await page.$$eval(`${tid('hints')} li`, (l) => l.length), 1);
    // The exercise lets the learner edit only the trust policy: the others are locked.
    assert.ok(await page.$eval(tid('editor-identity'), (el) => el.readOnly), 'the identity policy is locked');
    assert.equal(await page.$eval(tid('editor-trust'), (el) => el.readOnly), false);
    // The fix, typed into the trust policy.
    const trust = await editorText(page, 'editor-trust');
    await page.fill(tid('editor-trust'), trust.replace('333333333333', '222222222222'));
    await page.waitForSelector(`${tid('exercise-solved')}[data-state="solved"]`, { timeout: 30_000 });
    assert.deepEqual(await states(page), ['met', 'met', 'met', 'met', 'met']);
    await page.locator(tid('exercise')).scrollIntoViewIfNeeded();
    await screenshot(page, 'exercise.png', { fullPage: false });
    // The address names the exercise; a reload keeps the edit, the hint and the solved mark.
    assert.match(page.url(), /[?&]exercise=01-trust-the-right-account/);
    await page.reload();
    await page.waitForSelector(`${tid('exercise-solved')}[data-state="solved"]`, { timeout: 30_000 });
    assert.equal(await page.$$eval(`${tid('hints')} li`, (l) => l.length), 1);
    const index = await page.$$eval(`${tid('exercise-select')} option`, (os) => os.map((o) => o.textContent));
    assert.ok(index.some((t) => t.startsWith('1 · ') && t.endsWith('✓')), index.join(' | '));
    assert.equal(index.filter((t) => t.endsWith('✓')).length, 1);
  });
});

test('an embedded exercise tells its host page when it is solved', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    const src = env.server.url('?exercise=1&embed=1&lang=ja');
    await page.setContent(`<script>window.msgs = []; addEventListener('message', (e) => msgs.push(e.data));</script>
      <iframe src="${src}" width="1200" height="900"></iframe>`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector(tid('goal-1'), { timeout: 30_000 });
    const trust = await frame.inputValue(tid('editor-trust'));
    await frame.fill(tid('editor-trust'), trust.replace('333333333333', '222222222222'));
    await frame.waitForSelector(`${tid('exercise-solved')}[data-state="solved"]`, { timeout: 30_000 });
    await page.waitForFunction(() => window.msgs.length > 0);
    assert.deepEqual(await page.evaluate(() => window.msgs), [
      { type: 'roleplay', event: 'exercise-solved', exercise: '01-trust-the-right-account', number: 1 },
    ]);
  });
});

test('an exercise that does not exist says so', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?exercise=99&lang=en'));
    await page.waitForSelector(tid('notice'));
    assert.match(await page.textContent(tid('notice')), /no exercise called "99"/);
    assert.equal(await page.$(tid('exercise')), null);
  });
});
