// Trainer mode: the scenario on screen made into an exercise in the page —
// keep the learner's start, fix it, pick goals from what happens now, lock
// the learner to one policy, write a title and hints in both languages,
// then download the exercise and its solution or share it as a link that
// opens as an exercise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { T, useSuite, withPage, openApp, tid, editorText, waitFlowState, screenshot } from './helpers.mjs';

const env = useSuite();
const TRUST = '$.Roles[0].AssumeRolePolicyDocument';

test('a trainer turns the scenario on screen into an exercise that checks, and shares it', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=3'));
    await page.click(`${tid('trainer')} summary`);
    const fixed = await editorText(page, 'editor-trust');
    // 1. The start: a trust policy that trusts the wrong account.
    await page.fill(tid('editor-trust'), fixed.replace('222222222222', '333333333333'));
    await waitFlowState(page, 3, 'denied');
    await page.click(tid('trainer-keep'));
    // 2. The fix: the scenario on screen becomes the solution.
    await page.fill(tid('editor-trust'), fixed);
    await waitFlowState(page, 3, 'allowed');
    // 3. A goal from what happens now, the trust policy only, a title, hints.
    await page.waitForSelector(tid('trainer-goal-1'));
    assert.match(await page.textContent(`label:has(${tid('trainer-goal-1')})`), /Step 0 \(sts:AssumeRole by user_A\): allowed/);
    await page.check(tid('trainer-goal-1'));
    await page.check(`input[name="edit"][value="${TRUST}"]`);
    // An edit draws the choices again: what was ticked stays ticked.
    const identity = await editorText(page, 'editor-identity');
    await page.fill(tid('editor-identity'), `${identity}\n`);
    await page.waitForSelector(`${tid('trainer-goal-1')}[checked]`, { timeout: 30_000 });
    assert.ok(await page.isChecked(`input[name="edit"][value="${TRUST}"]`));
    await page.fill(tid('editor-identity'), identity);
    await page.fill(tid('trainer-title-en'), 'Trust the development account');
    await page.fill(tid('trainer-title-ja'), '開発アカウントを信頼する');
    await page.fill(tid('trainer-task-en'), 'Make the trust policy trust the development account, and only it.');
    await page.fill(tid('trainer-task-ja'), '信頼ポリシーが開発アカウントだけを信頼するようにしてください。');
    await page.fill(tid('trainer-hints-en'), 'Which account is user_A in?');
    await page.fill(tid('trainer-hints-ja'), 'user_A はどのアカウントにいますか?');
    await page.locator(tid('trainer-goal-1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'trainer.png', { fullPage: false });
    // 4. The exercise file, checked by the helper worker before it downloads.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(tid('trainer-export'))]);
    assert.equal(download.suggestedFilename(), 'trust-the-development-account.json');
    const exercise = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(exercise.Exercise.Goals, [{ Step: 0, Expect: 'allowed' }, { EditOnly: [TRUST] }]);
    assert.deepEqual(exercise.Exercise.Hints, [{ en: 'Which account is user_A in?', ja: 'user_A はどのアカウントにいますか?' }]);
    assert.ok(exercise.Roles[0].AssumeRolePolicyDocument.includes('333333333333'), 'the kept start');
    assert.deepEqual(exercise.Description, {
      en: 'Make the trust policy trust the development account, and only it.',
      ja: '信頼ポリシーが開発アカウントだけを信頼するようにしてください。',
    });
    await page.waitForSelector(tid('trainer-ready'));
    const [solution] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(tid('trainer-solution'))]);
    assert.equal(solution.suggestedFilename(), 'trust-the-development-account.solution.json');
    assert.ok(JSON.parse(await readFile(await solution.path(), 'utf8')).Roles[0].AssumeRolePolicyDocument.includes('222222222222'));
    // A link that opens it as an exercise: unsolved, then solved by typing the fix.
    await page.click(tid('trainer-link'));
    await page.waitForSelector(tid('trainer-link-url'), { timeout: 30_000 });
    const href = await page.getAttribute(tid('trainer-link-url'), 'href');
    await page.goto(href);
    await page.waitForSelector(tid('goal-1'), { timeout: 30_000 });
    assert.match(await page.textContent(tid('exercise')), /Trust the development account/);
    assert.equal(await page.getAttribute(tid('exercise-solved'), 'data-state'), 'unsolved');
    await page.fill(tid('editor-trust'), (await editorText(page, 'editor-trust')).replace('333333333333', '222222222222'));
    await page.waitForSelector(`${tid('exercise-solved')}[data-state="solved"]`, { timeout: 30_000 });
  });
});

test('an exercise that would be solved at the start is refused, saying why, in Japanese too', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=ja'));
    await page.click(`${tid('trainer')} summary`);
    await page.check(tid('trainer-goal-1'));
    await page.click(tid('trainer-export'));
    await page.waitForSelector(tid('trainer-problems'), { timeout: 30_000 });
    assert.match(await page.textContent(tid('trainer-problems')), /開始時点ですべての目標が達成されています/);
  });
});
