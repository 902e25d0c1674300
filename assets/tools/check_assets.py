#!/usr/bin/env python3
"""Static checks for the Guichet front-end assets (no dependency but python3).

Run from anywhere:  python3 assets/tools/check_assets.py
Exit status 0 when everything is fine, 1 otherwise.

Checks:
  * i18n/*.json parse, are flat objects of string -> string, have no duplicate
    keys, and every catalogue has exactly the same keys as fr.json;
  * French typography in fr.json: typographic apostrophe (’), no-break space
    before : ; ? ! » and after «;
  * keys the server relies on (SERVER_KEYS) exist in every catalogue;
  * every template the server renders (REQUIRED_TEMPLATES) exists;
  * every {{t.key}} used by a template (pages and mails) exists in every catalogue;
  * Mustache sections are balanced and no partial ({{>...}}) is used;
  * escaping: in pages and HTML mails, catalogue strings are escaped ({{t.x}})
    and only the layout's {{{content}}} is unescaped; in plain-text mails
    (templates/mail/*.text.mustache) every variable is unescaped ({{{x}}}),
    so nothing gets HTML entities;
  * pages (templates/*.mustache) respect the Content-Security-Policy: no
    style="", no <style>, no inline <script> body, no on*="" handler, no
    external http(s) asset URL in src/href of <link>/<script>/<img>.
    Mail templates are exempt from that rule (they may use inline styles);
  * forms in pages: every POST form carries the _csrf field, every visible
    control has an id and a <label for>, every `required` control's label
    says "obligatoire" ({{t.field_required}}), text-like inputs say
    `autocomplete`, ids named in aria-describedby / aria-labelledby exist,
    buttons have a type, no <input type="submit">, one <h1> per page. An id may hold
    a variable tag (champ-authorised-{{authorised_form.id}}-phone, for a form repeated
    per household): it is then compared with its label and aria references as written;
  * HTML mails have <html lang>, a <title>, and print every linked URL as
    visible text too.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

SRC = ROOT.parent / "src"

# Everything the server relies on is discovered from its code, not listed here:
#   * the templates it renders: string literals "<folder>/<name>" in the web layer whose folder is a folder of
#     templates/ (Pages::page, fragment…), and the mail kinds features register
#     (site.mails.add({"<kind>", "<folder>", …})), whose text and HTML templates and subject (mail_<kind>_subject)
#     must exist;
#   * the catalogue keys it uses: every string literal of src/ that names a key (the key-like ones — err_…, msg_…,
#     nav_…, …_title — must exist).
KEY_LIKE = re.compile(r"^(?!.*_(label|action|url|text|form|options|summary|id)$)"
                      r"((err|msg|nav|error|dashboard|agents_link|letter|validity|cta|key_status)_[a-z0-9_]+"
                      r"|[a-z0-9_]+_title)$")
COMMENT = re.compile(r"//[^\n]*")
LITERAL = re.compile(r'"([a-z][a-z0-9_/]*)"')
MAIL_KIND = re.compile(r'site\.mails\.add\(\{"([a-z_]+)", "([a-z_]+)"')


def source_files():
    for path in sorted(SRC.rglob("*")):
        if path.suffix in (".cpp", ".h") and not path.name.endswith("_test.cpp"):
            yield path


template_folders = {p.name for p in (ROOT / "templates").iterdir() if p.is_dir()}
PAGES = set()
MAILS = {}
SERVER_KEYS = set()
for path in source_files():
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    for literal in LITERAL.findall(text):
        if "/" in literal:
            folder, _, name = literal.partition("/")
            if folder in template_folders and name and "/" not in name and (SRC / "web") in path.parents:
                PAGES.add(literal)
        elif KEY_LIKE.match(literal):
            SERVER_KEYS.add(literal)
    for kind, folder in MAIL_KIND.findall(text):
        MAILS[kind] = folder
for kind in MAILS:
    SERVER_KEYS.add(f"mail_{kind}_subject")
# A household's history names each kind of change by a catalogue text, family_event_<kind>.
for path in sorted((SRC / "family").glob("*.cpp")):
    if not path.name.endswith("_test.cpp"):
        for kind in re.findall(r'record\([^"\n]*"([a-z_]+)"', path.read_text(encoding="utf-8")):
            SERVER_KEYS.add(f"family_event_{kind}")
REQUIRED_TEMPLATES = [f"{p}.mustache" for p in sorted(PAGES)] + [
    f"{folder}/mail/{kind}.{form}.mustache" for kind, folder in sorted(MAILS.items()) for form in ("text", "html")
]
# Templates whose unescaped output holds HTML the server rendered itself from other templates: the layout's page
# content, the blocks of the parent's home page and the sections features add to a child's profile and to "Mon compte".
UNESCAPED = {
    ("common/layout.mustache", "content"),
    ("common/home.mustache", "html"),
    ("family/child.mustache", "html"),
    ("identity/account.mustache", "html"),
}
# Templates rendered as a part of another page (Pages::fragment): they have no <h1> of their own.
FRAGMENTS = {"common/layout.mustache", "family/dashboard_block.mustache", "booking/child_agenda.mustache",
             "booking/offers_block.mustache",
             "allocation/child_panel.mustache",
             "agenda/account_panel.mustache"}

# WCAG 2.1 § 7 input purposes used here, plus "off" and contact-type prefixes.
AUTOCOMPLETE = {
    "off", "on", "honorific-prefix", "given-name", "family-name", "name", "email",
    "username", "current-password", "new-password", "tel", "address-line1",
    "address-line2", "postal-code", "address-level2", "one-time-code",
}
AUTOCOMPLETE_PREFIXES = {"home", "work", "mobile"}

TAG = re.compile(r"\{\{(\{?)\s*([#^/>!&]?)\s*([^}]*?)\s*\}?\}\}")
SECTION_TAG = re.compile(r"\{\{[#^/][^}]*\}\}")
ANY_TAG = re.compile(r"\{\{\{?[^}]*\}?\}\}")
VAR_TAG = re.compile(r"\{\{\{?[^#^/!>}][^}]*\}?\}\}")

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


# One pair of catalogues per area (i18n/<area>/fr.json and en.json): each area's languages hold the same keys, and
# a key belongs to one area only. The server merges them.
catalogues = {"fr": {}, "en": {}}
areas = sorted(p for p in (ROOT / "i18n").iterdir() if p.is_dir())
if not areas:
    err("no catalogue area under i18n/")
for area in areas:
    files = {p.stem: load_catalogue(p) for p in sorted(area.glob("*.json"))}
    if set(files) != {"fr", "en"}:
        err(f"i18n/{area.name}: expected fr.json and en.json, found {sorted(files)}")
        continue
    for language, cat in files.items():
        other = files["en" if language == "fr" else "fr"]
        missing = sorted(set(other) - set(cat))
        if missing:
            err(f"i18n/{area.name}/{language}.json lacks keys of the other language: {missing}")
        for key, value in cat.items():
            if key in catalogues[language]:
                err(f"i18n/{area.name}/{language}.json: key {key!r} is defined by another area too")
            catalogues[language][key] = value
reference = catalogues["fr"]
if not reference:
    err("no French catalogue")
for key in sorted(SERVER_KEYS):
    for name, cat in catalogues.items():
        if key not in cat:
            err(f"{name}: the server uses the key {key!r}, which no catalogue defines")
for k, v in reference.items():
    if k.endswith("_url"):
        continue
    if "'" in v:
        err(f"fr.json: {k!r} uses a straight apostrophe, use ’")
    if re.search(r"[ \u202f][:;?!»]|«[ \u202f]", v):
        err(f"fr.json: {k!r} needs a no-break space (U+00A0) before : ; ? ! » and after «")
    if re.search(r"[^\s\u00a0\u202f][;?!»]|«[^\s\u00a0\u202f]", v) or re.search(r"[^\s\u00a0\u202f\d]:(?!//)", v):
        err(f"fr.json: {k!r} lacks the space before : ; ? ! » or after «")


def parse_attrs(flat):
    """Attributes of a start tag whose Mustache sections were removed."""
    out = {}
    for m in re.finditer(r'\s([a-zA-Z][\w:-]*)(?:\s*=\s*"([^"]*)")?', flat):
        out[m.group(1).lower()] = m.group(2) if m.group(2) is not None else ""
    return out


def templated(value):
    """An id or an id reference with its variable tags ({{form.id}}) replaced by one placeholder, so that
    "champ-authorised-{{authorised_form.id}}-phone" can be matched against its label and aria references."""
    return VAR_TAG.sub("\u00a7", value)


def all_ids(text):
    """Every id="..." in a template, Mustache sections removed, variable tags replaced by a placeholder."""
    return [templated(i) for i in re.findall(r'\sid="([^"]+)"', SECTION_TAG.sub("", text))]


def check_page_markup(name, text):
    """Forms, labels, ids and headings of a page template (not mails)."""
    flat_all = SECTION_TAG.sub("", text)
    ids = all_ids(text)
    seen = set()
    for i in ids:
        if i in seen:
            err(f"{name}: id {i!r} appears twice")
        seen.add(i)
    labels = {}
    for m in re.finditer(r"<label\b([^>]*)>(.*?)</label>", flat_all, re.S):
        target = parse_attrs(m.group(1)).get("for")
        if target:
            labels[templated(target)] = m.group(2)
    for m in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
        start = parse_attrs(SECTION_TAG.sub("", m.group(0)[: m.group(0).index(">")]))
        if "action" not in start:
            err(f"{name}: <form> without action")
        if start.get("method", "get").lower() == "post" and \
                '<input type="hidden" name="_csrf" value="{{csrf}}">' not in m.group(1):
            err(f"{name}: POST form without the _csrf hidden field")
    for m in re.finditer(r"<(input|select|textarea|button)\b([^>]*)>", flat_all, re.I):
        tag, a = m.group(1).lower(), parse_attrs(m.group(2))
        if tag == "button":
            if "type" not in a:
                err(f"{name}: <button> without type")
            continue
        kind = a.get("type", "text").lower() if tag == "input" else tag
        if kind in ("hidden",):
            continue
        if kind in ("submit", "image", "reset"):
            err(f"{name}: use <button>, not <input type={kind!r}>")
            continue
        cid = a.get("id")
        if not cid:
            err(f"{name}: <{tag}> without id")
            continue
        cid = templated(cid)
        if cid not in labels:
            err(f"{name}: control #{cid} has no <label for>")
        elif "required" in a and "{{t.field_required}}" not in labels[cid]:
            err(f"{name}: required control #{cid}: its label must say {{{{t.field_required}}}}")
        elif "required" not in a and "{{t.field_required}}" in labels[cid]:
            err(f"{name}: control #{cid} is marked obligatoire but lacks `required`")
        if kind in ("text", "email", "tel", "password", "select") and "autocomplete" not in a:
            err(f"{name}: control #{cid} needs an autocomplete attribute")
        if "autocomplete" in a:
            tokens = a["autocomplete"].split()
            if not tokens or tokens[-1] not in AUTOCOMPLETE or any(t not in AUTOCOMPLETE_PREFIXES for t in tokens[:-1]):
                err(f"{name}: control #{cid} has autocomplete={a['autocomplete']!r}")
    # every id named by aria-describedby / aria-labelledby / href="#…" / for exists
    for m in re.finditer(r'\s(aria-describedby|aria-labelledby)="([^"]*)"', text):
        for ref in templated(SECTION_TAG.sub("", m.group(2))).split():
            if ref not in seen:
                err(f"{name}: {m.group(1)} names #{ref}, which does not exist")
    for target in labels:
        if target not in seen:
            err(f"{name}: <label for={target!r}> names no element")
    if name not in FRAGMENTS:
        count = len(re.findall(r"<h1[\s>]", text))
        if count != 1:
            err(f"{name}: {count} <h1> in the template, one expected")


used = set()
present = set()
for tpl in sorted((ROOT / "templates").rglob("*.mustache")):
    rel = tpl.relative_to(ROOT / "templates").as_posix()
    present.add(rel)
    is_mail = "/mail/" in rel
    is_text = rel.endswith(".text.mustache")
    text = tpl.read_text(encoding="utf-8")
    stack = []
    for m in TAG.finditer(text):
        triple, sigil, name = m.group(1), m.group(2), m.group(3)
        line = text.count("\n", 0, m.start()) + 1
        where = f"{rel}:{line}"
        raw = bool(triple) or sigil == "&"
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
            if sigil in ("#", "^", "/"):
                err(f"{where}: catalogue strings are not sections ({m.group(0)})")
        if sigil in ("", "&"):
            if is_text and not raw:
                err(f"{where}: plain-text mails use {{{{{{x}}}}}} so nothing is HTML-escaped ({m.group(0)})")
            if not is_text and raw and (rel, name) not in UNESCAPED:
                err(f"{where}: unescaped output is only allowed for the layout's content ({m.group(0)})")
    for name, at in stack:
        err(f"{at}: section {name!r} is never closed")
    if is_text:
        if "<" in ANY_TAG.sub("", text):
            err(f"{rel}: plain-text mail contains markup")
        continue
    if is_mail:
        if not re.search(r'<html lang="[^"]+"', text):
            err(f"{rel}: HTML mail needs <html lang>")
        if "<title>" not in text:
            err(f"{rel}: HTML mail needs a <title>")
        for var in sorted(set(re.findall(r'href="\{\{([a-z_.]+)\}\}"', text))):
            if var.endswith("phone_uri"):
                continue  # tel: link, its text is the displayed number
            if f">{{{{{var}}}}}</a>" not in text:
                err(f"{rel}: the URL {var} is linked but never shown as text")
        continue
    if re.search(r"\sstyle\s*=", text, re.I) or re.search(r"<style", text, re.I):
        err(f"{rel}: inline style is forbidden by the CSP")
    for sm in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.I | re.S):
        if "src=" not in sm.group(1) or sm.group(2).strip():
            err(f"{rel}: inline script is forbidden by the CSP")
    if re.search(r"\son[a-z]+\s*=", text, re.I):
        err(f"{rel}: inline event handler is forbidden by the CSP")
    for am in re.finditer(r"<(?:link|script|img)\b[^>]*\b(?:src|href)=\"(https?:)?//", text, re.I):
        err(f"{rel}: external asset is forbidden by the CSP")
    check_page_markup(rel, text)

for rel in REQUIRED_TEMPLATES:
    if rel not in present:
        err(f"template {rel} is missing")

for key in sorted(used):
    for name, cat in catalogues.items():
        if key not in cat:
            err(f"templates use t.{key} but {name}.json lacks it")

unused = sorted(set(reference) - used - SERVER_KEYS)
if unused:
    print(f"note: catalogue keys neither used by templates nor named by the server's code: {unused}")

if errors:
    print("\n".join(errors))
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print(f"assets OK: {len(areas)} catalogue areas, {len(reference)} keys ({len(SERVER_KEYS)} named by the server's "
      f"code, {len(used)} used by templates), {len(present)} templates ({len(PAGES)} pages and {len(MAILS)} mail "
      f"kinds rendered by the server)")
