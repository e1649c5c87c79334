#!/usr/bin/env python3
"""Writes starting corpora for the fuzz targets into fuzz/corpus/<target>/
from the project's own files: the presets, the edge-case corpus, the
hostile corpus and their policies. Run from anywhere: python3 fuzz/seed.py"""
import base64, json, os, pathlib, zlib

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"
files = sorted((root / "scenarios").glob("*.json")) + sorted((root / "tests" / "scenarios").glob("*.json")) \
    + sorted((root / "tests" / "hostile").glob("*.json"))

def put(target, name, data):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)

def policies(v):
    """Every policy (object or string form) in a scenario document."""
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("PolicyDocument", "AssumeRolePolicyDocument", "PermissionsBoundary", "Policy"):
                yield x if isinstance(x, str) else json.dumps(x, indent=2, ensure_ascii=False)
            else:
                yield from policies(x)
    elif isinstance(v, list):
        for x in v:
            yield from policies(x)

for f in files:
    data = f.read_bytes()
    if len(data) <= 65536:
        put("scenario", f.name, data)
    try:
        doc = json.loads(data)
    except Exception:
        continue
    for i, p in enumerate(policies(doc)):
        put("json_policy", f"{f.stem}-{i}.json", p.encode())
        for s in (doc.get("Steps") or [])[:3]:
            for key in ("Resource", "Action"):
                if isinstance(s, dict) and isinstance(s.get(key), str):
                    put("pattern", f"{f.stem}-{i}-{key}", bytes([1 if key == "Resource" else 4]) + b"arn:aws:*:*:*:*" + b"\0" + s[key].encode())
    if len(data) <= 262144:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        payload = base64.urlsafe_b64encode(c.compress(data) + c.flush()).rstrip(b"=")
        put("share", f.name, payload)
    put("reducer", f.stem, bytes([len(f.name) % 15]) + bytes(range(0, 64, 3)) + data[:64])
    if len(data) <= 16384:
        # Two bytes of caret, then the text: the whole file, and cut
        # half-way (a half-typed scenario, the caret inside a string).
        put("assist", f.name, bytes([0xff, 0xff]) + data)
        put("assist", f.stem + "-half", bytes([0xff, 0xff]) + data[: len(data) // 2])

for i, (flags, p, t) in enumerate([(0, "s3:Get*", "s3:GetObject"), (1, "arn:aws:s3:::b/*", "arn:aws:s3:::b/k"),
                                   (4, "iam:*Role?", "iam:CreateRoles"), (1, "arn:aws:iam::*:role/${aws:username}", "arn:aws:iam::1:role/a"),
                                   (0, "a*a*a*a*b", "a" * 200), (0, "*?*?*?b", "a" * 100)]):
    put("pattern", f"hand-{i}", bytes([flags]) + p.encode() + b"\0" + t.encode())
print("seeded", {d.name: len(list(d.iterdir())) for d in corpus.iterdir()})
