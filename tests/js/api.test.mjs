// The JavaScript API, exercised from Node exactly as a course page would use it.
// Run by `cargo xtask test` after `wasm-bindgen --target nodejs` (see xtask).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
const api = require(path.join(root, "target/js-node/roleplay.js"));
const cli = process.env.ROLEPLAY_BIN ?? path.join(root, "target/debug/roleplay");

const presets = readdirSync(path.join(root, "scenarios"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => path.join(root, "scenarios", f));

test("run() returns exactly what `roleplay run --json` prints, for every preset", () => {
  assert.ok(presets.length >= 12);
  for (const file of presets) {
    const fromCli = JSON.parse(execFileSync(cli, ["run", file, "--json"], { encoding: "utf8" }));
    // The CLI adds the verified fixes of `lint::fix` (the `Fixes` extension); the JS API does not compute them.
    for (const step of fromCli.Steps) delete step.Fixes;
    const fromJs = api.run(readFileSync(file, "utf8"));
    assert.deepStrictEqual(fromJs, fromCli, file);
    assert.deepStrictEqual(Object.keys(fromJs.Steps[0]).slice(0, 3), ["Step", "Action", "Outcome"]);
  }
});

test("run() accepts a plain object", () => {
  const report = api.run({ Scenario: 1, Clock: "2026-11-22T09:00:00Z", Steps: [{ Advance: 3600 }] });
  assert.deepStrictEqual(report.Steps[0], { Step: 0, Advance: 3600, Clock: "2026-11-22T10:00:00Z" });
});

test("bad input throws located errors, never crashes", () => {
  let thrown;
  try {
    api.run('{"Scenario": 1,\n  "Steps": [{"Action": "sts:AssumeRole", "Caller": {"AWS": "arn:aws:iam::111111111111:user/nobody"}, "RoleArn": "arn:aws:iam::111111111111:role/r"}]}');
  } catch (e) {
    thrown = e;
  }
  assert.ok(Array.isArray(thrown), "throws an array of errors");
  const unknownUser = thrown.find((e) => e.path === "$.Steps[0].Caller.AWS");
  assert.ok(unknownUser, JSON.stringify(thrown));
  assert.equal(unknownUser.line, 2);
  assert.match(unknownUser.message, /unknown user/);
  for (const junk of ["", "[", "{}", "null", "\u0000", "{".repeat(10000)]) {
    assert.throws(() => api.run(junk));
  }
});

test("check() compares expectations", () => {
  for (const file of presets) {
    const r = api.check(readFileSync(file, "utf8"));
    assert.equal(r.failed, 0, `${file}: ${JSON.stringify(r.mismatches)}`);
    assert.ok(r.passed > 0);
  }
});

test("checkPolicy() gives diagnostics with ranges, and statements", () => {
  const bad = api.checkPolicy('{"Version": "2012-10-17",\n "Statement": {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}}', "identity");
  assert.equal(bad.valid, false);
  assert.equal(bad.diagnostics[0].code, "MalformedPolicyDocument");
  assert.equal(bad.diagnostics[0].line, 2);
  assert.equal(bad.diagnostics[0].path, "$.Statement.Effect");
  const good = api.checkPolicy({ Version: "2012-10-17", Statement: [{ Sid: "Trust", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }, "trust");
  assert.equal(good.valid, true);
  assert.equal(good.statements[0].sid, "Trust");
  assert.throws(() => api.checkPolicy("{}", "nonsense"));
  assert.match(api.version(), /^\d+\.\d+\.\d+$/);
});
