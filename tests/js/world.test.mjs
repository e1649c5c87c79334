// The load-once handle of the JavaScript API: `load(text)` parses and
// compiles a scenario once; `run()`, `runJson()`, `outcomes()`,
// `authorize(request)` and `requests()` reuse it; `free()` releases it.
// Run by `cargo xtask test` after `wasm-bindgen --target nodejs` (see xtask).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
const api = require(path.join(root, "target/js-node/roleplay.js"));

const files = ["scenarios", "tests/scenarios"].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(root, dir, f)),
);

test("a loaded world runs exactly like run(), every scenario, as often as asked", () => {
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const world = api.load(text);
    try {
      const once = api.run(text);
      assert.deepStrictEqual(world.run(), once, file);
      assert.deepStrictEqual(world.run(), once, `${file} (again)`);
      assert.deepStrictEqual(JSON.parse(world.runJson()), once, `${file} (JSON text)`);
      assert.deepStrictEqual(world.outcomes(), once.Steps.map((s) => s.Outcome ?? null), `${file} (outcomes)`);
    } finally {
      world.free();
    }
  }
});

const ALICE = "arn:aws:iam::111111111111:user/alice";
const ROLE = "arn:aws:iam::111111111111:role/reader";
const scenario = {
  Scenario: 1,
  Clock: "2026-11-22T09:00:00Z",
  Users: [{ Arn: ALICE, Policies: [{ PolicyName: "p", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "sts:AssumeRole"], Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }] } }] }],
  Roles: [{ Arn: ROLE, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] } }],
  Steps: [{ Action: "sts:AssumeRole", Caller: { AWS: ALICE }, RoleArn: ROLE, RoleSessionName: "alice" }],
};

test("authorize() answers one request against the loaded world", () => {
  const world = api.load(scenario);
  try {
    const yes = world.authorize({ Action: "s3:GetObject", Caller: { AWS: ALICE }, Resource: "arn:aws:s3:::b/k" });
    assert.equal(yes.Outcome, "allowed");
    assert.deepEqual(yes.Reasons, ["AllowedByIdentity"]);
    const elsewhere = world.authorize({ Action: "s3:GetObject", Caller: { AWS: ALICE }, Resource: "arn:aws:s3:::b/k", Context: { "aws:SourceIp": "198.51.100.7" } });
    assert.equal(elsewhere.Outcome, "implicitDeny");
    assert.equal(elsewhere.ErrorCode, "AccessDenied");
    // The session step 0 issued: the role has no permission policy.
    assert.equal(world.authorize({ Action: "s3:GetObject", Caller: { Session: 0 }, Resource: "arn:aws:s3:::b/k" }).Outcome, "implicitDeny");
    // JSON text works as well as an object.
    assert.equal(world.authorize(JSON.stringify({ Action: "s3:GetObject", Caller: { AWS: ALICE } })).Outcome, "allowed");
    assert.throws(
      () => world.authorize({ Action: "s3:GetObject", Caller: { AWS: "arn:aws:iam::111111111111:user/bob" } }),
      (e) => Array.isArray(e) && e[0].path === "$.Caller.AWS" && /unknown user/.test(e[0].message),
    );
  } finally {
    world.free();
  }
});

test("requests() gives each authorization's inputs, its policies by path", () => {
  const world = api.load(scenario);
  try {
    const [r] = world.requests();
    assert.equal(r.Action, "sts:AssumeRole");
    assert.equal(r.Trust, true);
    assert.equal(r.ResourcePolicy, "$.Roles[0].AssumeRolePolicyDocument");
    assert.deepEqual(r.Identity, ["$.Users[0].Policies[0].PolicyDocument"]);
    assert.equal(r.Context["aws:SourceIp"], "203.0.113.10");
    assert.equal(r.Decision, "allowed");
  } finally {
    world.free();
  }
});

test("load() throws located errors and a freed world is gone", () => {
  assert.throws(() => api.load("{\"Scenario\": 1}"), (e) => Array.isArray(e) && /missing `Steps`/.test(e[0].message));
  const world = api.load(scenario);
  world.free();
  assert.throws(() => world.run());
});
