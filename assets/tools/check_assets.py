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

PAGES = [
    "layout", "landing", "not_found", "error", "accessibility",
    "signup", "signup_done", "confirm_email", "message", "resend_confirmation",
    "login", "forgot_password", "reset_password", "home", "account", "contact",
    "my_data", "agents_home", "agents_accounts", "agents_mails", "agents_mail",
    "agents_closures", "family", "child", "agents_families", "agents_family_new",
    "agents_family", "agents_family_import",
]
MAILS = [
    "confirm_email", "already_registered", "password_reset", "email_change",
    "credential_changed", "agent_invitation", "account_closed", "childcare_key",
]
REQUIRED_TEMPLATES = [f"{p}.mustache" for p in PAGES] + [
    f"mail/{m}.{kind}.mustache" for m in MAILS for kind in ("text", "html")
]

# Keys read by the C++ code (titles, flash messages, field errors, labels it
# puts into the page data, mail subjects…), not necessarily by a template.
SERVER_KEYS = [
    "msg_representative_saved", "family_event_representative_changed",
    "err_childcare_key_same_household", "err_reference_invalid", "err_csv_too_long", "err_csv_too_many_errors",
    "msg_role_changed",
    "err_invalid_characters", "err_email_taken", "change_label_email_requested",
    "language_name", "landing_page_title", "not_found_title", "error_title",
    "error_bad_request", "error_forbidden", "error_payload_too_large",
    "error_too_many_requests", "error_internal", "error_unavailable",
    "error_method_not_allowed", "accessibility_title", "error_busy",
    # page titles
    "signup_title", "signup_done_title", "confirm_email_title", "confirm_new_email_title",
    "resend_title", "login_title", "forgot_title", "reset_title", "set_password_title",
    "home_title", "account_title", "contact_title", "my_data_title", "agents_home_title",
    "agents_accounts_title", "agents_mails_title", "agents_mail_title",
    "agents_closures_title", "message_title",
    # navigation
    "nav_home", "nav_account", "nav_contact", "nav_my_data", "nav_logout",
    "nav_agents_home", "nav_agents_accounts", "nav_agents_mails", "nav_agents_closures",
    # civilities, roles, statuses
    "civility_madame", "civility_monsieur", "civility_choose",
    "role_parent", "role_agent", "role_admin",
    "account_status_pending", "account_status_active", "account_status_closing",
    "account_status_closed", "mail_status_pending", "mail_status_sent",
    "mail_status_held", "mail_status_failed",
    # field errors
    "err_required", "err_too_long", "err_email_invalid", "err_username_invalid",
    "err_username_taken", "err_password_too_short", "err_password_too_long",
    "err_password_common", "err_password_like_identity", "err_postal_code", "err_phone",
    "err_civility", "err_childcare_key_format", "err_current_password", "err_email_same",
    "err_confirm_required", "err_role",
    # login and links
    "err_login_failed", "err_login_throttled", "err_account_not_confirmed",
    "err_account_closed", "err_token_invalid", "err_csrf", "error_summary_heading",
    # results
    "msg_signup_done", "msg_email_confirmed", "msg_resend_sent", "msg_forgot_sent",
    "msg_password_reset_done", "msg_password_set", "msg_logged_out",
    "msg_username_changed", "msg_email_change_sent", "msg_email_changed",
    "msg_password_changed", "msg_contact_saved", "msg_closure_requested",
    "msg_agent_created", "msg_account_closed", "msg_session_expired",
    # mail
    *[f"mail_{m}_subject" for m in MAILS],
    "change_label_username", "change_label_email", "change_label_password",
    "validity_24_hours", "validity_30_minutes", "validity_7_days",
    # dashboard and back-office links
    "dashboard_contact", "dashboard_account", "dashboard_my_data",
    "agents_link_accounts", "agents_link_accounts_desc", "agents_link_mails",
    "agents_link_mails_desc", "agents_link_closures", "agents_link_closures_desc",
    # password strength texts (data attributes read by app.js)
    "password_strength_weak", "password_strength_ok", "password_strength_strong",
    # family record: page titles, navigation, links
    "family_title", "child_title", "agents_families_title", "agents_family_new_title",
    "agents_family_title", "agents_family_import_title", "nav_family", "nav_agents_families",
    "agents_link_families", "agents_link_families_desc", "dashboard_family",
    # family record: labels the server puts into the page data
    "relationship_mother", "relationship_father", "relationship_guardian", "relationship_other",
    "sex_female", "sex_male", "diet_standard", "diet_no_pork", "diet_no_meat", "diet_packed_meal",
    "class_none", "class_ps", "class_ms", "class_gs", "class_cp", "class_ce1", "class_ce2",
    "class_cm1", "class_cm2", "qf_source_caf", "qf_source_commune", "pai_yes", "pai_no",
    "account_linked", "account_not_linked", "key_status_none", "key_status_issued",
    "key_status_used", "key_status_expired",
    # family record: history kinds (family_event_<kind>)
    *[f"family_event_{k}" for k in (
        "household_created", "representative_added", "representative_removed", "child_added",
        "child_removed", "authorised_added", "authorised_removed", "quotient_recorded",
        "key_issued", "key_sent", "account_linked", "contact_changed", "imported",
        "address_changed", "child_attached")],
    # family record: field errors, import errors, results
    "err_date", "err_birth_date_future", "err_relationship", "err_sex", "err_class", "err_diet",
    "err_amount", "err_qf_source", "err_date_order", "err_household_full",
    "err_childcare_key_unknown", "err_childcare_key_used", "err_childcare_key_throttled",
    "err_file_required", "err_csv_header", "err_csv_columns", "err_csv_encoding",
    "err_csv_quotes", "err_reference_taken", "err_reference_unknown", "err_child_unknown",
    "msg_family_linked", "msg_household_created", "msg_member_added", "msg_member_removed",
    "msg_quotient_recorded", "msg_key_sent", "msg_family_contact_saved", "msg_import_done",
    "msg_address_saved", "msg_no_letters",
    # field labels form_view() puts before generic messages in the error summary (field_<name>)
    *[f"field_rep{n}_{f}" for n in (1, 2) for f in (
        "civility", "last_name", "first_name", "relationship", "email", "mobile_phone",
        "landline_phone")],
    "field_phone", "field_relationship", "field_birth_date", "field_sex", "field_school",
    "field_class_level", "field_diet", "field_pai", "field_amount", "field_source",
    "field_valid_from", "field_valid_to", "field_file", "field_skip_errors",
    # clé enfance letter (PDF, plain texts)
    "letter_subject", "letter_salutation_madame", "letter_salutation_monsieur",
    "letter_salutation_other", "letter_paragraph_1", "letter_paragraph_2", "letter_key_label",
    "letter_key_note", "letter_valid_until", "letter_steps_title", "letter_step_1",
    "letter_step_2", "letter_step_3", "letter_help", "letter_signature", "letter_footer",
    "letter_date_prefix",
]

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
    if name != "layout.mustache":
        count = len(re.findall(r"<h1[\s>]", text))
        if count != 1:
            err(f"{name}: {count} <h1> in the template, one expected")


used = set()
present = set()
for tpl in sorted((ROOT / "templates").rglob("*.mustache")):
    rel = tpl.relative_to(ROOT / "templates").as_posix()
    present.add(rel)
    is_mail = rel.startswith("mail/")
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
            if not is_text and raw and not (rel == "layout.mustache" and name == "content"):
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

unused = sorted(set(reference) - used - set(SERVER_KEYS))
if unused:
    print(f"note: catalogue keys used neither by templates nor listed as server keys: {unused}")

if errors:
    print("\n".join(errors))
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print(f"assets OK: {len(catalogues)} catalogues, {len(reference)} keys, {len(used)} used by templates, "
      f"{len(present)} templates")
