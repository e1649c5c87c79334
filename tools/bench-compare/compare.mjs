// Same requests, two engines: @cloud-copilot/iam-simulate (TypeScript) and
// roleplay (Rust, compiled to wasm via the JS API in target/js-node, and
// natively via `cargo xtask bench`). Prints figures; asserts nothing about speed.
//   cd tools/bench-compare && npm install && node compare.mjs
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { createRequire } from "node:module";
import path from "node:path";

const identity = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadLogs", Effect: "Allow", Action: ["logs:Get*", "logs:Describe*"], Resource: "*" },
    { Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/test_*",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
    { Sid: "NoProd", Effect: "Deny", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/prod-*" },
  ],
};
const trust = {
  Version: "2012-10-17",
  Statement: [{
    Sid: "Dev", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "sts:AssumeRole",
    Condition: { StringEquals: { "sts:ExternalId": "abc-123" }, IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } },
  }],
};
const role = "arn:aws:iam::111111111111:role/test_EC2ReadOnlyAccess_Role";
const user = "arn:aws:iam::222222222222:user/user_A";
const context = { "aws:MultiFactorAuthPresent": "true", "sts:ExternalId": "abc-123", "aws:SourceIp": "203.0.113.10" };

const simulation = {
  identityPolicies: [{ name: "id", policy: identity }],
  serviceControlPolicies: [],
  resourceControlPolicies: [],
  resourcePolicy: trust,
  request: { action: "sts:AssumeRole", principal: user, resource: { accountId: "111111111111", resource: role }, contextVariables: context },
};

async function timeAsync(name, n, f) {
  for (let i = 0; i < Math.max(1, n / 10); i++) await f();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await f();
  const ns = Number(process.hrtime.bigint() - t) / n;
  console.log(`${name.padEnd(56)} ${ns.toFixed(0).padStart(10)} ns/request`);
  return ns;
}

const first = await runSimulation(simulation, {});
console.log("iam-simulate decision:", first.analysis?.result ?? JSON.stringify(first).slice(0, 200));
const theirs = await timeAsync("iam-simulate runSimulation (parse + evaluate)", 2000, () => runSimulation(simulation, {}));

// roleplay through its JavaScript API: a one-step scenario (parse, evaluate,
// credentials, report, CloudTrail event) — more work per call than theirs.
const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
let api;
try { api = require(path.join(root, "target/js-node/roleplay.js")); } catch { api = null; }
if (api) {
  const scenario = JSON.stringify({
    Scenario: 1,
    Users: [{ Arn: user, Policies: [{ PolicyName: "id", PolicyDocument: identity }] }],
    Roles: [{ Arn: role, AssumeRolePolicyDocument: trust }],
    Steps: [{ Action: "sts:AssumeRole", Caller: { AWS: user }, RoleArn: role, RoleSessionName: "alice", ExternalId: "abc-123", Context: context }],
  });
  console.log("roleplay decision:", api.run(scenario).Steps[0].Outcome);
  const ours = await timeAsync("roleplay wasm run() (load + evaluate + full report)", 5000, () => api.run(scenario));
  console.log(`ratio (whole call, parse included): ${(theirs / ours).toFixed(1)}x`);
} else {
  console.log("(build target/js-node with `cargo xtask test` to include roleplay's wasm figure)");
}
console.log("roleplay native, compiled policies: see `cargo xtask bench` (authorize ns/step)");
