import { test } from 'node:test';
import { T, useSuite, withPage, openApp, tid } from '../helpers.mjs';
const env = useSuite();
test('probe', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=3'));
    await page.waitForTimeout(1500);
    await page.click(tid('editor-trust'));
    await page.keyboard.press('End');
    const cdp = await page.context().newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i % 2 ? 'Backspace' : 'Space');
      await page.waitForTimeout(120);
    }
    await cdp.send('Tracing.end');
    await done;
    const names = {};
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names[e.pid + ':' + e.tid] = e.args.name;
    const mainKey = Object.entries(names).find(([k, v]) => v === 'CrRendererMain')?.[0];
    const rendererPid = mainKey?.split(':')[0];
    const main = events.filter((e) => e.ph === 'X' && e.dur && String(e.pid) === rendererPid).map((e) => ({ ...e, name: (names[e.pid + ':' + e.tid] || e.tid) + ' ' + e.name }));
    const by = {};
    for (const e of main) { const k = e.name + (e.name === 'EventDispatch' ? ':' + e.args?.data?.type : '') + (e.name === 'FunctionCall' ? ':' + (e.args?.data?.functionName || '') : ''); by[k] = (by[k] || 0) + e.dur; }
    const top = Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k} ${(v / 1000 / 40).toFixed(2)}ms/key`);
    console.log(top.join('\n'));
  });
});
