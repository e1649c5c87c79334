// Same requests, two engines, one process: @cloud-copilot/iam-simulate's
// core engine (its fastest path: policies loaded and requests built once,
// then `authorize` per request) against roleplay, natively (`roleplay
// bench`) and compiled to WebAssembly for Node (target/js-node, through the
// load-once handle). Every evaluated step of every scenario in scenarios/
// and tests/scenarios/ is asked of both engines with exactly the inputs
// roleplay used (`world.requests()`: context, policies by path); the
// decisions must agree, except where a note below says why AWS's
// documentation decides against the peer. Prints per-scenario and overall
// ratios; asserts nothing about speed.
//
//   npm ci --prefix tools/bench-compare
//   cargo build --profile cli -p cli      # native figures (else release or debug, labelled)
//   node tools/bench-compare/compare.mjs [--smoke] [--peer-hostile]
//
// --smoke: a few iterations only (what `cargo xtask test` runs).
// --peer-hostile: also time iam-simulate on the hostile wildcard, in a child
// process stopped after PEER_HOSTILE_SECONDS (default 60).
// Exit status: 0 (also when skipped, with the reason printed), 1 when the
// engines disagree where no note explains it.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = import.meta.dirname;
const root = path.resolve(here, "../..");
const args = new Set(process.argv.slice(2));
const smoke = args.has("--smoke");

function skip(reason) {
  console.log(`bench-compare: skipped: ${reason}`);
  process.exit(0);
}

// The peer, from this tool's own node_modules (a dev dependency of the tool only).
const peerDir = path.join(here, "node_modules/@cloud-copilot/iam-simulate/dist/esm");
const policyDir = path.join(here, "node_modules/@cloud-copilot/iam-policy/dist/esm");
if (!existsSync(peerDir) || !existsSync(policyDir)) {
  skip("@cloud-copilot/iam-simulate is not installed (run `npm ci --prefix tools/bench-compare`)");
}
const load = (dir, file) => import(pathToFileURL(path.join(dir, file)).href);
const { authorize } = await load(peerDir, "core_engine/CoreSimulatorEngine.js");
const { AwsRequestImpl } = await load(peerDir, "request/request.js");
const { RequestContextImpl } = await load(peerDir, "requestContext.js");
const { DiscoveryContextKeyConstraints } = await load(peerDir, "context_keys/discoveryContextKeyConstraints.js");
const { loadPolicy } = await load(policyDir, "index.js");
const peerVersion = JSON.parse(readFileSync(path.join(here, "node_modules/@cloud-copilot/iam-simulate/package.json"), "utf8")).version;

// roleplay in WebAssembly (built by `cargo xtask test`, or see the README).
const wasmPath = path.join(root, "target/js-node/roleplay.js");
if (!existsSync(wasmPath)) skip(`no ${path.relative(root, wasmPath)} (build it as the README's JavaScript API section says)`);
const api = createRequire(import.meta.url)(wasmPath);

// roleplay natively: the build users get (profile `cli`), else what there is.
const builds = [
  ["target/cli/roleplay", "profile cli"],
  ["target/release/roleplay", "release profile (opt-level z)"],
  ["target/debug/roleplay", "DEBUG build: not a speed figure"],
].map(([p, note]) => [path.join(root, p), note]);
const [cli, cliNote] = builds.find(([p]) => existsSync(p)) ?? [null, "not built"];

// ---- Where AWS's documentation decides, and the engines differ --------
// By roleplay's `Rule` for the step, or by scenario and step; each note
// says what AWS documents.
const RULE_NOTES = {
  ServiceLinkedRole:
    "AWS answers UnmodifiableEntity for changes to a service-linked role (IAM API Reference, e.g. DeleteRole: 'service-linked roles are protected AWS resources')",
  AwsReservedRole: "AWS refuses changes to /aws-reserved/ roles ('this role is only modifiable by AWS', AWS Knowledge Center); roleplay answers UnmodifiableEntity",
  NoPermissionRequired: "sts:GetCallerIdentity needs no permission, even under an explicit deny (STS API Reference, GetCallerIdentity)",
  DefaultKeyPolicy: "a KMS key without a key policy has the default one: 'permission to use IAM policies to allow access' for its own account (AWS KMS, 'Default key policy')",
};
const notPrincipalDeny =
  "NotPrincipal with Deny: AWS's example lists Bob and his account, and says 'all principals except the user named Bob in AWS account 444455556666 are explicitly denied access' — listing an account does not exempt its other users; a session must be named too ('Principals must always name a specific session') (IAM User Guide, NotPrincipal)";
const STEP_NOTES = {
  "tests/scenarios/aws-managed-policy-cannot-be-modified.json#6":
    "an explicit deny in a policy is an explicit deny (IAM User Guide, policy evaluation logic: 'an explicit deny in any policy overrides any allows'); the peer reports its managed-policy rule instead",
  "tests/scenarios/bucket-policy-notprincipal-deny.json#0": notPrincipalDeny,
  "tests/scenarios/bucket-policy-notprincipal-deny.json#4": notPrincipalDeny,
  "tests/scenarios/notaction-notresource.json#4":
    "NotResource 'explicitly matches every resource except those specified' (IAM User Guide, NotResource): a request on `*` is not one of them, so the Deny applies",
  "tests/scenarios/policy-variable-username.json#5":
    "with Version 2008-10-17 'variables such as ${aws:username} aren't recognized as variables and are instead treated as literal strings' (IAM User Guide, Version)",
  "tests/scenarios/policy-variable-username.json#6":
    "with Version 2008-10-17 'variables such as ${aws:username} aren't recognized as variables and are instead treated as literal strings' (IAM User Guide, Version)",
  "tests/scenarios/trust-names-user-boundary-still-applies.json#0":
    "'If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action' even when the trust policy names the user (IAM User Guide, Update a role trust policy)",
};

// ---- Requests, as the peer takes them ----------------------------------
function resolve(doc, jsonPath) {
  // `$.Users[0].Policies[1].PolicyDocument`, `$.Resources[2].Policy`, ...
  let v = doc;
  for (const m of jsonPath.slice(1).matchAll(/\.([A-Za-z$_][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    v = v?.[m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`))];
  }
  return typeof v === "string" ? JSON.parse(v) : v;
}

const params = { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints() };

/// The peer's request for one recorded authorization, or why there is none.
function peerRequest(doc, r) {
  if (r.Caller.Kind === "Federated") return { unsupported: "web identity / SAML callers" };
  const pol = (p, name) => loadPolicy(resolve(doc, p), { name });
  const context = {};
  for (const [k, v] of Object.entries(r.Context)) context[k] = v;
  return {
    request: new AwsRequestImpl(
      r.Caller.Arn,
      { resource: r.Resource, accountId: r.ResourceAccount ?? r.Caller.Account ?? "" },
      r.Action,
      new RequestContextImpl(context),
      false,
    ),
    identityPolicies: r.Identity.map((p, i) => pol(p, String(i))),
    serviceControlPolicies: r.Scps.length ? [{ orgIdentifier: "o-roleplay", policies: r.Scps.map((p, i) => pol(p, `scp${i}`)) }] : [],
    resourceControlPolicies: [],
    resourcePolicy: r.ResourcePolicy ? pol(r.ResourcePolicy, r.Trust ? "trust" : "resource") : undefined,
    permissionBoundaries: r.Boundary ? [pol(r.Boundary, "boundary")] : undefined,
    sessionPolicy: r.Session.length ? pol(r.Session[0], "session") : undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: params,
  };
}

const PEER = { Allowed: "allowed", ImplicitlyDenied: "implicitDeny", ExplicitlyDenied: "explicitDeny" };

/// roleplay's answer to the same question: the policies' decision, or the
/// step's outcome where a rule outside policies decided.
function ours(r, step) {
  if (step.Rule && step.Rule !== "DefaultKeyPolicy") return step.Outcome === "error" ? `error:${step.ErrorCode}` : step.Outcome;
  return r.Decision;
}

function why(file, r, step) {
  return (step.Rule && RULE_NOTES[step.Rule]) || STEP_NOTES[`${file}#${r.Step}`] || null;
}

// ---- The hostile wildcard --------------------------------------------
// A permission policy whose resource is thousands of `*a` pairs, against a
// 50,000-character ARN: linear for roleplay (one pass per pattern), while a
// backtracking matcher takes exponential-looking time.
const PAIRS = 4000;
const hostile = {
  Scenario: 1,
  Users: [{ Arn: "arn:aws:iam::111111111111:user/alice", Policies: [{ PolicyName: "assume", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } }] }],
  Roles: [
    {
      Arn: "arn:aws:iam::111111111111:role/hostile",
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] },
      Policies: [{ PolicyName: "p", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"*a".repeat(PAIRS)}b` }] } }],
    },
  ],
  Steps: [
    { Action: "sts:AssumeRole", Caller: { AWS: "arn:aws:iam::111111111111:user/alice" }, RoleArn: "arn:aws:iam::111111111111:role/hostile", RoleSessionName: "alice" },
    { Action: "s3:GetObject", Caller: { Session: 0 }, Resource: `arn:aws:s3:::${"a".repeat(50000 - 13)}` },
  ],
};
if (args.has("--peer-hostile-child")) {
  peerHostile();
  process.exit(0);
}

// ---- Timing ------------------------------------------------------------
/// ns per call: calls in ten batches over about `minMs`, the fastest batch
/// (the same for both engines: other processes on a shared machine slow
/// batches down, never speed them up).
function time(fn, minMs) {
  fn();
  let best = Infinity;
  for (let b = 0; b < 10; b++) {
    let n = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0;
    do {
      fn();
      n++;
      elapsed = Number(process.hrtime.bigint() - t0);
    } while (elapsed < (minMs * 1e6) / 10);
    best = Math.min(best, elapsed / n);
  }
  return best;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

function nativeNsPerRun(file, steps) {
  if (!cli || steps === 0) return NaN;
  const out = execFileSync(cli, ["bench", file, "--json", "--iterations", smoke ? "3" : "2000"], { encoding: "utf8" });
  // A run's time as the sum of its steps' medians (robust on a busy machine).
  return JSON.parse(out).Steps.reduce((a, st) => a + st.MedianNanos, 0);
}

// ---- The run -----------------------------------------------------------
const files = ["scenarios", "tests/scenarios"].flatMap((d) =>
  readdirSync(path.join(root, d))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(d, f)),
);

const minMs = smoke ? 2 : 150;
let compared = 0;
let agreed = 0;
const noted = [];
const disagreed = [];
const unsupported = [];
const rows = [];

for (const file of files) {
  const text = readFileSync(path.join(root, file), "utf8");
  const doc = JSON.parse(text);
  const world = api.load(text);
  try {
    const report = world.run();
    const requests = world.requests();
    const peer = [];
    for (const r of requests) {
      const step = report.Steps[r.Step];
      const q = peerRequest(doc, r);
      if (q.unsupported) {
        unsupported.push(`${file} step ${r.Step}: ${q.unsupported}`);
        continue;
      }
      peer.push(q);
      const theirs = PEER[authorize(q).result] ?? "?";
      const mine = ours(r, step);
      compared++;
      if (theirs === mine) {
        agreed++;
        continue;
      }
      const note = why(file, r, step);
      const line = `${file} step ${r.Step} ${r.Action} by ${r.Caller.Arn}: roleplay ${mine}, iam-simulate ${theirs}`;
      if (note) noted.push(`${line}\n      ${note}`);
      else disagreed.push(line);
    }
    if (peer.length === 0) continue;
    const steps = report.Steps.length;
    const peerNs = time(() => {
      for (const q of peer) authorize(q);
    }, minMs);
    const runNs = time(() => world.run(), minMs);
    const jsonNs = time(() => JSON.parse(world.runJson()), minMs);
    const outcomesNs = time(() => world.outcomes(), minMs);
    const nativeNs = nativeNsPerRun(path.join(root, file), steps);
    rows.push({ file, requests: peer.length, steps, peerNs, runNs, jsonNs, outcomesNs, nativeNs });
  } finally {
    world.free();
  }
}

// ---- Report ------------------------------------------------------------
const us = (ns) => (Number.isNaN(ns) ? "-" : ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const x = (r) => (Number.isFinite(r) ? `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}×` : "-");
console.log(`iam-simulate ${peerVersion} core engine (policies and requests preloaded) vs roleplay; node ${process.version}`);
console.log(`native: ${cli ? path.relative(root, cli) : "-"} (${cliNote}); wasm: target/js-node${smoke ? "; --smoke: few iterations, figures are rough" : ""}`);
console.log(
  `${"scenario".padEnd(58)} ${"req".padStart(3)} ${"iam-simulate".padStart(12)} ${"native".padStart(9)} ${"wasm run".padStart(9)} ${"json".padStart(9)} ${"outcomes".padStart(9)}  ratios native / run / json / outcomes`,
);
for (const r of rows) {
  console.log(
    `${r.file.padEnd(58)} ${String(r.requests).padStart(3)} ${us(r.peerNs).padStart(12)} ${us(r.nativeNs).padStart(9)} ${us(r.runNs).padStart(9)} ${us(r.jsonNs).padStart(9)} ${us(r.outcomesNs).padStart(9)}  ` +
      [r.nativeNs, r.runNs, r.jsonNs, r.outcomesNs].map((o) => x(r.peerNs / o)).join(" / "),
  );
}
const total = (k) => rows.reduce((a, r) => a + r[k], 0);
const ratio = (k) => ({ median: median(rows.map((r) => r.peerNs / r[k])), total: total("peerNs") / total(k) });
console.log(`\n${rows.length} scenarios, ${compared} requests compared (each scenario's whole run for roleplay, its requests for iam-simulate)`);
for (const [k, name] of [
  ["nativeNs", `native (${cliNote})`],
  ["runNs", "wasm world.run()"],
  ["jsonNs", "wasm JSON.parse(world.runJson())"],
  ["outcomesNs", "wasm world.outcomes()"],
]) {
  const r = ratio(k);
  console.log(`  ${name.padEnd(44)} median ${x(r.median).padStart(7)}   total ${x(r.total).padStart(7)}`);
}
const stepsAll = total("steps");
console.log(`  iam-simulate per request: median ${us(median(rows.map((r) => r.peerNs / r.requests)))}; roleplay native per step: median ${us(median(rows.map((r) => r.nativeNs / r.steps)))} (${stepsAll} steps)`);

// ---- The hostile wildcard, timed ---------------------------------------
console.log(`\nhostile wildcard: ${PAIRS} \`*a\` pairs against a ${hostile.Steps[1].Resource.length}-character ARN`);
{
  const world = api.load(JSON.stringify(hostile));
  try {
    const outcome = world.run().Steps[1].Outcome;
    const request = JSON.stringify(hostile.Steps[1]);
    const decided = time(() => world.outcomes(), smoke ? 2 : 200);
    const ns = time(() => world.authorize(request), smoke ? 2 : 200);
    console.log(`  roleplay wasm outcomes() (the AssumeRole and the call, decisions only): ${us(decided)} (${outcome})`);
    console.log(`  roleplay wasm authorize() (the call, its whole report with the 50,000-character ARN in it): ${us(ns)}`);
  } finally {
    world.free();
  }
  if (cli) {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-compare-"));
    try {
      const file = path.join(dir, "hostile.json");
      writeFileSync(file, JSON.stringify(hostile));
      const v = JSON.parse(execFileSync(cli, ["bench", file, "--json", "--iterations", smoke ? "3" : "200"], { encoding: "utf8" }));
      console.log(`  roleplay native step (${cliNote}): median ${us(v.Steps[1].MedianNanos)}, p95 ${us(v.Steps[1].P95Nanos)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (args.has("--peer-hostile")) {
    // In a child process, so a peer that never finishes can be stopped.
    const limit = Number(process.env.PEER_HOSTILE_SECONDS ?? 60);
    const t0 = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [import.meta.filename, "--peer-hostile-child"], { encoding: "utf8", timeout: limit * 1000 });
    const wall = Number(process.hrtime.bigint() - t0);
    if (child.error?.code === "ETIMEDOUT") console.log(`  iam-simulate authorize(): not finished after ${limit} s (stopped)`);
    else console.log(`  iam-simulate authorize(): ${child.stdout.trim() || us(wall)}`);
  } else {
    console.log("  iam-simulate: not timed here (pass --peer-hostile; it runs for a minute at most, in a child process)");
  }
}

function peerHostile() {
  {
    const q = {
      request: new AwsRequestImpl(
        "arn:aws:sts::111111111111:assumed-role/hostile/alice",
        { resource: hostile.Steps[1].Resource, accountId: "111111111111" },
        "s3:GetObject",
        new RequestContextImpl({}),
        false,
      ),
      identityPolicies: [loadPolicy(hostile.Roles[0].Policies[0].PolicyDocument, { name: "p" })],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: undefined,
      permissionBoundaries: undefined,
      sessionPolicy: undefined,
      vpcEndpointPolicies: undefined,
      simulationParameters: params,
    };
    const t0 = process.hrtime.bigint();
    const result = authorize(q).result;
    console.log(`${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms (${result})`);
  }
}

// ---- Agreement ---------------------------------------------------------
console.log(`\nagreement: ${agreed} of ${compared} requests agree; ${noted.length} differ where AWS's documentation decides; ${disagreed.length} unexplained`);
for (const n of noted) console.log(`  noted: ${n}`);
if (unsupported.length) console.log(`  not asked of iam-simulate: ${unsupported.length} (${[...new Set(unsupported.map((u) => u.split(": ").pop()))].join(", ")})`);
for (const d of disagreed) console.log(`  DISAGREE: ${d}`);
process.exit(disagreed.length ? 1 : 0);
