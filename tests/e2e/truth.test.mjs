// Issue 11 in the built page: every word and state on screen is true, AWS's
// words are shown as AWS's (roleplay's beside them), and the interactions
// keep their promises (a typo, share links, revert, the scenario picker,
// the focus ring, no emoji glyphs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  T, useSuite, withPage, openApp, position, narration, flowState, waitFlowState, stepNext, stepUntil, editorText, tid,
} from './helpers.mjs';

const env = useSuite();

/** Walks until step `n` has been shown completely. */
async function finish(page, n) {
  await stepUntil(page, async () => {
    const x = await narration(page);
    return x && x.step === n && x.complete;
  }, `the end of step ${n}`);
}

test('flow states tell the truth: not needed, sent, not reached', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=03-same-account-trust&lang=en'));
    await stepNext(page);
    assert.equal(await flowState(page, 1), 'notNeeded', '03: the same-account exception is not a ✓');
    assert.match(await page.textContent(`${tid('flow-step-1')} .state-word`), /not needed \(same account\)/);

    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    await finish(page, 4);
    assert.deepEqual(
      await Promise.all([1, 2, 3, 4, 5].map((n) => flowState(page, n))),
      ['denied', 'sent', 'allowed', 'notReached', 'notReached'],
      '01 at its end: ② was sent, ④ and ⑤ were never reached',
    );
  });
});

test('a web-identity caller is not a service: rows, diagram and call', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=15-github-actions-oidc&lang=en&step=2'));
    assert.match(await page.textContent(tid('flow-step-2')), /calls sts:AssumeRoleWithWebIdentity/);
    assert.doesNotMatch(await page.textContent(tid('flow')), /service/i);
    const diagram = await page.textContent(tid('diagram'));
    assert.match(diagram.replace(/\s+/g, ''), /AssumeRoleWithWebIdentity/, 'the STS box names the call');
    assert.match(diagram.replace(/\s+/g, ''), /token\.actions\.githubusercontent\.com/, 'the caller box shows who');
  });
});

test("AWS's message is AWS's; roleplay's explanation and the event row are beside it", T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=09-expired-credentials&lang=en'));
    await finish(page, 5);
    assert.equal(await page.textContent(tid('aws-message-5')), 'The security token included in the request is expired');
    assert.match(await page.textContent(tid('reason-5')), /expired at 2026-11-22T09:15:00Z.*would be allowed/);
    // The CloudTrail row of the ExpiredToken call: its time and identity.
    const last = await page.$$eval(`${tid('events')} tbody tr`, (rows) => rows.at(-1).textContent);
    assert.match(last, /2026-11-22T09:15:00Z/);
    assert.match(last, /assumed-role\/report-reader-role\/user_A/);
    assert.match(last, /ExpiredToken/);
  });
});

test('+21600 s reads +6 h; an expiry this second reads "expired"', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=04-lambda-service-role&lang=en'));
    assert.match(await page.textContent(tid('step-chip-3')), /\+6 h/);
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=4'));
    await page.click(tid('clock-advance'));
    await page.waitForSelector(`${tid('token')}[data-state="expired"]`, { state: 'attached' });
    assert.equal((await page.textContent(tid('token-countdown'))).trim(), 'expired');
  });
});

test('a denied "assume again" is narrated and ⑤ is not allowed beside it', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=08-time-limited-access&lang=en'));
    await finish(page, 3);
    await page.click(tid('clock-advance'));
    await page.click(tid('clock-advance'));
    await page.click(tid('assume-again'));
    await page.waitForSelector(tid('again'));
    assert.equal(await page.getAttribute(tid('again'), 'data-outcome'), 'implicitDeny');
    assert.match(await page.textContent(tid('again')), /Assume again \(step 2\)/);
    assert.equal(await flowState(page, 3), 'denied');
    assert.notEqual(await flowState(page, 5), 'allowed');
    assert.match(await page.textContent(tid('status')), /Assume again/);
  });
});

test('one typo keeps the last good walk, greyed, with the one root error', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=3'));
    const before = await position(page);
    const good = await editorText(page, 'editor-trust');
    await page.fill(tid('editor-trust'), good.replace('"Effect": "Allow"', '"Effect": "Alow"'));
    await page.waitForSelector(tid('load-errors'));
    assert.equal(await page.$$eval(`${tid('load-errors')} li`, (l) => l.length), 1, 'one root error');
    assert.doesNotMatch(await page.textContent(tid('load-errors')), /has no roles/);
    assert.deepEqual(await position(page), before, 'not "Progress 0/0"');
    assert.equal(await flowState(page, 3), 'allowed', 'the last good walk');
    assert.ok(await page.$('.stage.stale-walk'), 'shown greyed');
    await page.fill(tid('editor-trust'), good);
    await page.waitForSelector(tid('load-errors'), { state: 'detached' });
    assert.equal(await page.$('.stage.stale-walk'), null);
  });
});

test('a share link keeps the clock moves (a trainer can share an expired state)', T, async () => {
  let href;
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=4'));
    await page.click(tid('clock-advance'));
    await page.waitForSelector(`${tid('token')}[data-state="expired"]`, { state: 'attached' });
    await page.hover(tid('share-link'));
    await page.waitForFunction((s) => /&i=a\d+\.3600/.test(document.querySelector(s).href), tid('share-link'));
    href = await page.getAttribute(tid('share-link'), 'href');
  });
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, href);
    await page.waitForSelector(`${tid('token')}[data-state="expired"]`, { state: 'attached' });
    assert.match(await page.textContent(tid('clock')), /2026-11-22 10:00/);
  });
});

test('revert asks first and clears stale notices', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=3'));
    const original = await editorText(page, 'editor-trust');
    const edited = original.replace('222222222222', '333333333333');
    await page.fill(tid('editor-trust'), edited);
    await waitFlowState(page, 3, 'denied');
    await page.click(tid('revert'));
    await page.waitForSelector(tid('revert-confirm'));
    assert.equal(await editorText(page, 'editor-trust'), edited, 'nothing lost before the answer');
    await page.click(tid('revert-no'));
    assert.equal(await editorText(page, 'editor-trust'), edited);
    // A reload restores the edits (a notice says so); reverting clears it.
    await page.reload();
    await page.waitForSelector(tid('notice'));
    await page.click(tid('revert'));
    await page.click(tid('revert-yes'));
    assert.equal(await editorText(page, 'editor-trust'), original);
    assert.equal(await page.$(tid('notice')), null, 'the "restored" notice no longer holds');
  });
});

test('→ on the focused scenario picker does not load another preset', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    await page.focus(tid('preset-select'));
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    assert.equal(await page.inputValue(tid('preset-select')), '01-cross-account-switch-role');
    assert.match(page.url(), /preset=01-cross-account-switch-role/);
    assert.match(await page.textContent('.scenario-title'), /Switch role across accounts/);
  });
});

test('the editors show a visible focus ring', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    for (const id of ['editor-identity', 'editor-trust', 'editor-permissions']) {
      await page.focus(tid(id));
      const ring = await page.$eval(tid(id), (el) => {
        const box = el.closest('.editor-scroll');
        const cs = getComputedStyle(box);
        return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0 };
      });
      assert.notEqual(ring.style, 'none', `${id}: an outline`);
      assert.ok(ring.width >= 2, `${id}: outline ${ring.width}px`);
    }
  });
});

test('no glyph on the page needs an emoji font', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    for (const preset of ['01-cross-account-switch-role', '04-lambda-service-role', '05-ec2-instance-profile', '06-passrole', '08-time-limited-access', '15-github-actions-oidc']) {
      for (const lang of ['en', 'ja']) {
        await openApp(page, env.server.url(`?preset=${preset}&lang=${lang}`));
        for (;;) {
          const found = await page.evaluate(() => {
            const re = /\p{Extended_Pictographic}/u;
            const texts = [document.body.innerText, ...[...document.querySelectorAll('svg text')].map((t) => t.textContent)];
            const icon = decodeURIComponent(document.querySelector('link[rel=icon]')?.href ?? '');
            return [...texts, icon].join('\n').match(/\p{Extended_Pictographic}/gu);
          });
          assert.equal(found, null, `${preset} ${lang}: ${found}`);
          const { cursor, total } = await position(page);
          if (cursor >= total) break;
          await stepNext(page);
        }
      }
    }
  });
});
