#!/usr/bin/env python3
"""Writes presets.json and exercises.json into Trunk's staging directory:
every preset scenario (scenarios/*.json), and every exercise
(exercises/*.json, not the reference solutions), as an object from file
name (without .json) to its text, exactly as shipped. The page's WebAssembly holds only the
first preset; it loads this file the first time it needs another, and the
service worker keeps it for offline use. Run by Trunk (Trunk.toml hook)."""
import json
import os
import pathlib
import sys

root = pathlib.Path(os.environ.get("TRUNK_SOURCE_DIR", ".")).resolve()
# TRUNK_SOURCE_DIR is the directory of web/index.html.
scenarios = (root.parent if root.name == "web" else root) / "scenarios"
staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("presets_json.py: run by Trunk (TRUNK_STAGING_DIR is not set)")
def bundle(directory, name, keep=lambda p: True):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.json")) if keep(p)}
    if not texts:
        sys.exit(f"presets_json.py: no files in {directory}")
    out = pathlib.Path(staging) / name
    out.write_text(json.dumps(texts, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


bundle(scenarios, "presets.json")
# The exercises as shipped; their reference solutions are not served.
bundle(scenarios.parent / "exercises", "exercises.json", lambda p: not p.stem.endswith(".solution"))
