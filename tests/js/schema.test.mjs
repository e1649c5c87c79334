// docs/scenario.schema.json against the scenarios the project ships, and
// against documents it must reject. Runs with the other Node tests
// (`cargo xtask test`, `node --test tests/js/`) or alone:
// `node --test tests/js/schema.test.mjs` (needs only `npm ci --prefix tools`).
// Where the `roleplay` binary is built, each wrong document is also checked
// to be rejected by the loader, so schema and loader cannot drift apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
// ajv is a dev dependency of tools/ (npm ci --prefix tools): resolve it from
// there, whatever the working directory.
const requireFromTools = createRequire(path.join(root, "tools/package.json"));
let Ajv;
try {
  Ajv = requireFromTools("ajv");
} catch (e) {
  throw new Error(`ajv is not installed in tools/node_modules: run \`npm ci --prefix tools\` (${e.message})`);
}

const schemaPath = path.join(root, "docs/scenario.schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// Strict: unknown keywords and keywords that do not fit their type are
// errors in the schema itself, not silently ignored.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(schema);

const cli = process.env.ROLEPLAY_BIN ?? path.join(root, "target/debug/roleplay");
const haveCli = existsSync(cli);

function jsonFiles(dir) {
  return readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

function explain(errors) {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message} ${JSON.stringify(e.params)}`).join("\n");
}

test("the schema is draft-07", () => {
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
});

test("every preset and corpus scenario validates", () => {
  const presets = jsonFiles("scenarios");
  const corpus = jsonFiles("tests/scenarios");
  assert.ok(presets.length >= 15, `presets: ${presets.length}`);
  assert.ok(corpus.length >= 30, `corpus: ${corpus.length}`);
  for (const file of [...presets, ...corpus]) {
    const doc = JSON.parse(readFileSync(path.join(root, file), "utf8"));
    assert.ok(validate(doc), `${file}:\n${explain(validate.errors)}`);
  }
});

test("every exercise and its reference solution validates", () => {
  const files = jsonFiles("exercises");
  assert.ok(files.length >= 16, `exercises and solutions: ${files.length}`);
  for (const file of files) {
    const doc = JSON.parse(readFileSync(path.join(root, file), "utf8"));
    assert.ok(doc.Exercise, `${file}: an exercise (or its solution) has an Exercise block`);
    assert.ok(validate(doc), `${file}:\n${explain(validate.errors)}`);
  }
});

test("every property the schema defines has a description (editors show it)", () => {
  const missing = [];
  const walk = (node, at) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${at}/${i}`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      // `if`/`then`/`else` only narrow properties described elsewhere.
      if (["if", "then", "else"].includes(key)) continue;
      if (key === "properties") {
        for (const [name, sub] of Object.entries(value)) {
          const described = typeof sub.description === "string" || (sub.$ref && schema.definitions[sub.$ref.split("/").pop()]?.description);
          if (!described) missing.push(`${at}/properties/${name}`);
        }
      }
      walk(value, `${at}/${key}`);
    }
  };
  walk(schema, "#");
  assert.deepEqual(missing, []);
});

// A small valid scenario; each wrong document below changes one thing.
const USER = "arn:aws:iam::222222222222:user/user_A";
const ROLE = "arn:aws:iam::111111111111:role/ReadOnly";
function valid() {
  return {
    Scenario: 1,
    Title: { en: "Switch role", ja: "スイッチロール" },
    Users: [{ Arn: USER, Policies: [{ PolicyName: "Assume", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE }] } }] }],
    Roles: [
      {
        Arn: ROLE,
        AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": "sts:AssumeRole"}]}',
      },
    ],
    Steps: [
      { Action: "sts:AssumeRole", Caller: { AWS: USER }, RoleArn: ROLE, RoleSessionName: "user_A", Expect: "allowed", Note: "switch",
        Source: { Url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-api.html", Quote: "a sentence" } },
      { Action: "ec2:DescribeInstances", Caller: { Session: 0 }, Expect: { Outcome: "implicitDeny", ErrorCode: "AccessDenied" } },
      { Advance: 3600 },
      { Action: "ec2:DescribeInstances", Caller: { Session: 0 }, Expect: { Outcome: "error", ErrorCode: "ExpiredToken" } },
      { Action: "ec2:DescribeInstances", Caller: { Session: 0, Original: true }, Expect: { Outcome: "error", ErrorCode: "ExpiredToken" } },
    ],
  };
}

// name → [change, the schema error expected: instancePath and keyword]
const wrong = {
  "missing Steps": [(d) => delete d.Steps, "", "required"],
  "unknown top-level key": [(d) => (d.Stepz = []), "", "additionalProperties"],
  "a $schema that is not a string": [(d) => (d.$schema = 1), "/$schema", "type"],
  "wrong Outcome": [(d) => (d.Steps[0].Expect = "allow"), "/Steps/0/Expect", "enum"],
  "wrong Outcome in an object": [(d) => (d.Steps[1].Expect.Outcome = "denied"), "/Steps/1/Expect/Outcome", "enum"],
  "Expect without Outcome": [(d) => (d.Steps[1].Expect = { ErrorCode: "AccessDenied" }), "/Steps/1/Expect", "required"],
  "Scenario version 2": [(d) => (d.Scenario = 2), "/Scenario", "const"],
  "a caller with two keys": [(d) => (d.Steps[0].Caller = { AWS: USER, Session: 0 }), "/Steps/0/Caller", "maxProperties"],
  "Original without Session": [(d) => (d.Steps[0].Caller = { AWS: USER, Original: true }), "/Steps/0/Caller", "required"],
  "Original that is not a boolean": [(d) => (d.Steps[1].Caller = { Session: 0, Original: "yes" }), "/Steps/1/Caller/Original", "type"],
  "a service calling an action": [(d) => (d.Steps[1].Caller = { Service: "lambda.amazonaws.com" }), "/Steps/1/Caller", "propertyNames"],
  "an action with a wildcard": [(d) => (d.Steps[1].Action = "ec2:Describe*"), "/Steps/1/Action", "pattern"],
  "a clock step with an Action": [(d) => (d.Steps[2].Action = "ec2:DescribeInstances"), "/Steps/2", "propertyNames"],
  "AssumeRole without RoleArn": [(d) => delete d.Steps[0].RoleArn, "/Steps/0", "anyOf"],
  "a bilingual text in French": [(d) => (d.Title.fr = "Changer de rôle"), "/Title", "anyOf"],
  "Effect in lower case": [(d) => (d.Users[0].Policies[0].PolicyDocument.Statement[0].Effect = "allow"), "/Users/0/Policies/0/PolicyDocument/Statement/0/Effect", "enum"],
  "MaxSessionDuration below an hour": [(d) => (d.Roles[0].MaxSessionDuration = 900), "/Roles/0/MaxSessionDuration", "minimum"],
  "GetSessionToken called by a role session": [(d) => d.Steps.push({ Action: "sts:GetSessionToken", Caller: { Session: 0 } }), `/Steps/${valid().Steps.length}/Caller`, "required"],
  "GetSessionToken with a SerialNumber and no TokenCode": [
    (d) => d.Steps.push({ Action: "sts:GetSessionToken", Caller: { AWS: USER }, SerialNumber: "arn:aws:iam::222222222222:mfa/user_A" }),
    `/Steps/${valid().Steps.length}`,
    "dependencies",
  ],
  "GetSessionToken with a RoleArn": [(d) => d.Steps.push({ Action: "sts:GetSessionToken", Caller: { AWS: USER }, RoleArn: ROLE }), `/Steps/${valid().Steps.length}`, "propertyNames"],
  "an Exercise without Goals": [(d) => (d.Exercise = { Hints: ["Read the trust policy."] }), "/Exercise", "required"],
  "an Exercise with no goal": [(d) => (d.Exercise = { Goals: [] }), "/Exercise/Goals", "minItems"],
  "a goal of two kinds": [(d) => (d.Exercise = { Goals: [{ Step: 0, StaysDenied: 1 }] }), "/Exercise/Goals/0", "oneOf"],
  "an Expect on a StaysDenied goal": [(d) => (d.Exercise = { Goals: [{ StaysDenied: 1, Expect: "implicitDeny" }] }), "/Exercise/Goals/0", "oneOf"],
  "an unknown finding type": [(d) => (d.Exercise = { Goals: [{ NoFindings: ["ERRORS"] }] }), "/Exercise/Goals/0/NoFindings/0", "enum"],
  "NoWildcardPrincipal false": [(d) => (d.Exercise = { Goals: [{ NoWildcardPrincipal: false }] }), "/Exercise/Goals/0/NoWildcardPrincipal", "const"],
  "an EditOnly path that is not a JSON path": [(d) => (d.Exercise = { Goals: [{ EditOnly: ["Roles[0]"] }] }), "/Exercise/Goals/0/EditOnly/0", "pattern"],
  "an unknown key in a goal": [(d) => (d.Exercise = { Goals: [{ Step: 0, Hint: "x" }] }), "/Exercise/Goals/0", "additionalProperties"],
  "a FunctionName for a user's AssumeRole": [(d) => (d.Steps[0].FunctionName = "hello-function"), "/Steps/0/Caller", "required"],
  "a source that is both a page and a choice": [(d) => (d.Source = [{ Url: "https://docs.aws.amazon.com/x", Quote: "q", Choice: "c" }]), "/Source", "anyOf"],
  "a source without its sentence": [(d) => (d.Steps[0].Source = { Url: "https://docs.aws.amazon.com/x" }), "/Steps/0/Source", "anyOf"],
  "an empty list of sources": [(d) => (d.Source = []), "/Source", "anyOf"],
  "SAML without the assertion's RoleSessionName": [
    (d) => {
      d.Steps[0] = { Action: "sts:AssumeRoleWithSAML", Caller: { Federated: "arn:aws:iam::111111111111:saml-provider/IdP" }, RoleArn: ROLE };
    },
    "/Steps/0",
    "required",
  ],
};

for (const [name, [change, instancePath, keyword]] of Object.entries(wrong)) {
  test(`rejected: ${name}`, () => {
    assert.ok(validate(valid()), explain(validate.errors));
    const doc = valid();
    change(doc);
    assert.equal(validate(doc), false, `${name} was accepted`);
    assert.ok(
      validate.errors.some((e) => e.instancePath === instancePath && e.keyword === keyword),
      `expected ${keyword} at "${instancePath}", got:\n${explain(validate.errors)}`,
    );
  });
}

test("the loader agrees: the valid document runs, every wrong one is rejected", { skip: haveCli ? false : `no ${cli} (cargo build -p cli)` }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "roleplay-schema-"));
  try {
    const run = (doc) => {
      const file = path.join(dir, "scenario.json");
      writeFileSync(file, JSON.stringify(doc, null, 2));
      return spawnSync(cli, ["check", file], { encoding: "utf8" });
    };
    const ok = run(valid());
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(ok.stdout, "4 passed, 0 failed\n");
    // An editor's schema reference is accepted by both.
    const named = { $schema: "../docs/scenario.schema.json", ...valid() };
    assert.ok(validate(named), explain(validate.errors));
    const withSchema = run(named);
    assert.equal(withSchema.status, 0, withSchema.stdout + withSchema.stderr);
    for (const [name, [change]] of Object.entries(wrong)) {
      const doc = valid();
      change(doc);
      const r = run(doc);
      assert.equal(r.status, 2, `the loader accepted: ${name}\n${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /the scenario was not run/, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
