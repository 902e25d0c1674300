#!/usr/bin/env python3
"""Static checks for the Guichet front-end assets (no dependency but python3).

Run from anywhere:  python3 assets/tools/check_assets.py
Exit status 0 when everything is fine, 1 otherwise.

Checks:
  * i18n/*.json parse, are flat objects of string -> string, have no duplicate
    keys, and every catalogue has exactly the same keys as fr.json;
  * every {{t.key}} used by a template exists in every catalogue;
  * keys the server relies on (SERVER_KEYS) exist;
  * Mustache sections are balanced and no partial ({{>...}}) is used;
  * nothing the Content-Security-Policy would block: no style="", no <style>,
    no inline <script> body, no on*="" handler, no external http(s) asset URL
    in src/href of <link>/<script>/<img>;
  * French strings use the typographic apostrophe (’) rather than ' .
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVER_KEYS = [
    "not_found_title", "error_title", "error_bad_request",
    "error_payload_too_large", "error_internal", "error_unavailable",
    "error_forbidden", "error_too_many_requests",
    "accessibility_title", "landing_page_title", "language_name",
]
TAG = re.compile(r"\{\{(\{?)\s*([#^/>!&]?)\s*([^}]*?)\s*\}?\}\}")

errors = []


def err(msg):
    errors.append(msg)


def load_catalogue(path):
    def no_dups(pairs):
        seen = {}
        for k, v in pairs:
            if k in seen:
                err(f"{path.name}: duplicate key {k!r}")
            seen[k] = v
        return seen

    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_dups)
    except json.JSONDecodeError as e:
        err(f"{path.name}: invalid JSON: {e}")
        return {}
    if not isinstance(data, dict):
        err(f"{path.name}: top level is not an object")
        return {}
    for k, v in data.items():
        if not isinstance(v, str):
            err(f"{path.name}: value of {k!r} is not a string")
        if not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", k):
            err(f"{path.name}: key {k!r} is not snake_case")
    return data


catalogues = {p.stem: load_catalogue(p) for p in sorted((ROOT / "i18n").glob("*.json"))}
reference = catalogues.get("fr", {})
if not reference:
    err("i18n/fr.json missing or empty")
for name, cat in catalogues.items():
    missing = sorted(set(reference) - set(cat))
    extra = sorted(set(cat) - set(reference))
    if missing:
        err(f"{name}.json lacks keys present in fr.json: {missing}")
    if extra:
        err(f"{name}.json has keys absent from fr.json: {extra}")
for key in SERVER_KEYS:
    for name, cat in catalogues.items():
        if key not in cat:
            err(f"{name}.json lacks server key {key!r}")
for k, v in reference.items():
    if "'" in v:
        err(f"fr.json: {k!r} uses a straight apostrophe, use ’")

used = set()
for tpl in sorted((ROOT / "templates").glob("*.mustache")):
    text = tpl.read_text(encoding="utf-8")
    stack = []
    for m in TAG.finditer(text):
        triple, sigil, name = m.group(1), m.group(2), m.group(3)
        line = text.count("\n", 0, m.start()) + 1
        where = f"{tpl.name}:{line}"
        if sigil == ">":
            err(f"{where}: partials are not available ({m.group(0)})")
        elif sigil in ("#", "^"):
            stack.append((name, where))
        elif sigil == "/":
            if not stack:
                err(f"{where}: closing {name!r} without opening")
            else:
                opened, at = stack.pop()
                if opened != name:
                    err(f"{where}: closing {name!r} but {opened!r} opened at {at}")
        if name.startswith("t."):
            used.add(name[2:])
            if sigil in ("#", "^", "/") or triple:
                err(f"{where}: catalogue strings must be used escaped ({m.group(0)})")
    for name, at in stack:
        err(f"{at}: section {name!r} is never closed")
    if re.search(r"\sstyle\s*=", text, re.I) or re.search(r"<style", text, re.I):
        err(f"{tpl.name}: inline style is forbidden by the CSP")
    for sm in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.I | re.S):
        if "src=" not in sm.group(1) or sm.group(2).strip():
            err(f"{tpl.name}: inline script is forbidden by the CSP")
    if re.search(r"\son[a-z]+\s*=", text, re.I):
        err(f"{tpl.name}: inline event handler is forbidden by the CSP")
    for am in re.finditer(r"<(?:link|script|img)\b[^>]*\b(?:src|href)=\"(https?:)?//", text, re.I):
        err(f"{tpl.name}: external asset is forbidden by the CSP")

for key in sorted(used):
    for name, cat in catalogues.items():
        if key not in cat:
            err(f"templates use t.{key} but {name}.json lacks it")

unused = sorted(set(reference) - used - set(SERVER_KEYS))
if unused:
    print(f"note: catalogue keys not used by templates (server-side?): {unused}")

if errors:
    print("\n".join(errors))
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print(f"assets OK: {len(catalogues)} catalogues, {len(reference)} keys, {len(used)} used by templates")
