// Walks every preset scenario frame by frame and checks that each step's
// final outcome on screen equals the scenario file's `Expect`, and that the
// flow list only ever shows known states.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  T, useSuite, withPage, openApp, position, flowStates, narration, stepNext, loadPresets, FLOW_STATES,
} from './helpers.mjs';

const env = useSuite();
const presets = loadPresets();

/** `Expect` as `{ outcome, errorCode }` (a string is just the outcome). */
function expected(step) {
  const e = step.Expect;
  if (e === undefined) return null;
  if (typeof e === 'string') return { outcome: e, errorCode: null };
  return { outcome: e.Outcome, errorCode: e.ErrorCode ?? null };
}

const isClock = (step) => step.Advance !== undefined;
const isAssume = (step) => typeof step.Action === 'string' && step.Action.startsWith('sts:AssumeRole');
const isServiceCaller = (step) => step.Caller && ('Service' in step.Caller || 'Federated' in step.Caller);

test('the scenario picker lists every preset file (and blank)', T, async () => {
  assert.equal(presets.length, 18, 'scenarios/*.json');
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?lang=en'));
    const options = await page.$$eval('[data-testid="preset-select"] option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, [...presets.map((p) => p.name), 'blank']);
  });
});

for (const { name, scenario } of presets) {
  test(`walk ${name}: every step's outcome matches Expect`, T, async () => {
    const steps = scenario.Steps;
    const wanted = steps.filter((s) => !isClock(s) && expected(s)).length;

    await withPage(env, {}, async ({ page }) => {
      // A fresh context: local storage is empty, nothing is restored.
      await openApp(page, env.server.url(`?preset=${name}&lang=en`));
      // The page saves what it opened (so a reload comes back here): the
      // untouched preset, before its first frame, with no clock moves.
      const saved = JSON.parse(await page.evaluate((n) => localStorage.getItem('roleplay.v1.scenario.preset:' + n), name));
      assert.deepEqual([saved.cursor, saved.interventions, saved.source], [0, [], { kind: 'preset', name }], 'fresh context: nothing restored');

      let { cursor, total } = await position(page);
      assert.equal(cursor, 0, 'a fresh preset opens before its first frame');
      assert.ok(total >= steps.length, `at least one frame per step (${total} frames, ${steps.length} steps)`);
      assert.equal(await narration(page), null, 'no narration before the first frame');

      const checked = new Set();          // steps whose final outcome was checked
      const framesPerStep = new Map();    // step index → frames walked on it

      while (cursor < total) {
        await stepNext(page);
        cursor += 1;
        const where = `${name} frame ${cursor}/${total}`;

        // The 5 flow steps: known states, at most one current.
        const flow = await flowStates(page);
        assert.equal(flow.length, 5, `${where}: five flow steps`);
        for (const [i, f] of flow.entries()) {
          assert.ok(FLOW_STATES.has(f.state), `${where}: flow-step-${i + 1} has unknown state ${f.state}`);
        }
        const current = flow.filter((f) => f.current === 'step').length;
        assert.ok(current <= 1, `${where}: ${current} flow steps are aria-current`);

        const n = await narration(page);
        assert.ok(n, `${where}: narration shown once past frame 0`);
        assert.ok(Number.isInteger(n.step) && n.step >= 0 && n.step < steps.length, `${where}: data-step ${n.step} in range`);
        framesPerStep.set(n.step, (framesPerStep.get(n.step) ?? 0) + 1);
        const step = steps[n.step];
        if (!isClock(step)) assert.equal(current, 1, `${where}: the cursor's flow step is aria-current`);
        if (!n.complete) continue;

        // The step has been fully shown: its outcome is final.
        if (isClock(step)) {
          assert.equal(n.outcome, '', `${where}: a clock step has no outcome`);
          continue;
        }
        const exp = expected(step);
        if (!exp) continue;
        assert.ok(!checked.has(n.step), `${where}: step ${n.step} completed twice`);
        checked.add(n.step);
        assert.equal(n.outcome, exp.outcome, `${where}: step ${n.step} (${step.Action}) outcome`);
        if (exp.errorCode) assert.equal(n.errorCode, exp.errorCode, `${where}: step ${n.step} error code`);

        const [s1, s2, s3, s4, s5] = flow.map((f) => f.state);
        if (isAssume(step)) {
          if (exp.outcome === 'allowed') {
            assert.equal(s4, 'allowed', `${where}: allowed AssumeRole → ④ allowed`);
            assert.equal(framesPerStep.get(n.step), isServiceCaller(step) ? 3 : 4,
              `${where}: an allowed AssumeRole shows one frame per phase (① skipped for a service)`);
          } else if (exp.outcome === 'implicitDeny' || exp.outcome === 'explicitDeny') {
            assert.ok(s1 === 'denied' || s3 === 'denied', `${where}: denied AssumeRole → ① or ③ denied (got ${s1}, ${s3})`);
            assert.notEqual(s4, 'allowed', `${where}: no credentials for a denied AssumeRole`);
          } else if (exp.outcome === 'error') {
            assert.ok(s2 === 'error' || s2 === 'rejected', `${where}: failed AssumeRole → ② error or rejected (got ${s2})`);
          }
          // Once the step is over nothing of it still waits (issue 11).
          for (const [i, st] of [s1, s2, s3, s4].entries()) assert.notEqual(st, 'pending', `${where}: ${i + 1} still pending`);
          if (isServiceCaller(step)) assert.equal(s1, 'skipped', `${where}: ① skipped for a service/federated caller`);
        } else {
          assert.equal(framesPerStep.get(n.step), 1, `${where}: a call is one frame`);
          const want = { allowed: 'allowed', implicitDeny: 'denied', explicitDeny: 'denied', error: 'error' }[exp.outcome];
          assert.equal(s5, want, `${where}: ⑤ reflects ${exp.outcome}`);
        }
      }

      // Walked to the end: the next button says it is disabled (it keeps
      // focus, so it is aria-disabled), and every step was seen.
      assert.equal(await page.getAttribute('[data-testid="step-next"]', 'aria-disabled'), 'true', 'step-next disabled at the end');
      assert.equal(checked.size, wanted, `${name}: checked ${checked.size} of ${wanted} steps with Expect`);
      assert.deepEqual([...framesPerStep.keys()].sort((a, b) => a - b), steps.map((_, i) => i), 'every step was shown');
    });
  });
}
