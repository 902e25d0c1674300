#!/usr/bin/env python3
"""Fails when a page's link, redirect or form action is built by hand instead of from a route's name.

Every path of the portal comes from the router (RequestContext::url / Router::url_for, from a route's name and its
parameters); a path written as text drifts from the route table the day a route moves. This check reads:
  * the C++ of the web layer's pipeline, view and feature folders: no call to a `home()` helper, no string literal
    that is an absolute path ("/x"), a path segment with its slash ("ma-famille/") or a pattern ("…/{id}") outside
    the functions that declare routes (add_routes, install);
  * the page and mail templates: no href, action or src that starts with a literal path, and no URL variable with
    text glued after it ({{commune.home}}connexion).

Usage: check_paths.py [SOURCE_ROOT]   (default: the repository of this file)
       check_paths.py --self-test     (runs the check on built-in bad and good samples)
Exit status 0 when nothing is built by hand, 1 otherwise.
"""
import pathlib
import re
import sys

CHECKED_FOLDERS = ["pipeline", "view", "ops", "portal", "identity", "family"]
# Files that name embedded files (assets/), not pages: their slashes are folders of the binary's own assets.
EMBEDDED_FILE_CODE = {"view/i18n.cpp", "view/static_assets.cpp", "view/templates.cpp"}
# Literals that look like paths but are not links.
ALLOWED_LITERALS = {
    "/mail/",  # a mail's template folder, templates/<feature>/mail/<kind>
}
DECLARING_FUNCTIONS = re.compile(r"^\S.*\b(add_routes|install)\s*\([^;]*\)\s*(override\s*)?\{\s*$")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
PATH_LIKE = [
    (re.compile(r"^/[A-Za-z0-9{]"), "an absolute path"),
    (re.compile(r"^[a-z0-9-]+/$"), "a path segment with its slash"),
    (re.compile(r"/\{"), "a route pattern"),
]
TEMPLATE_LITERAL_URL = re.compile(r'\s(href|action|src)="/')
TEMPLATE_GLUED = re.compile(r'\s(href|action)="[^"]*\}\}[A-Za-z0-9-]')


def declaring_ranges(lines):
    """Line indexes inside add_routes/install bodies, where route patterns are declared."""
    inside = set()
    depth = 0
    active = False
    for number, line in enumerate(lines):
        if not active and DECLARING_FUNCTIONS.match(line):
            active = True
            depth = 0
        if active:
            inside.add(number)
            depth += line.count("{") - line.count("}")
            if depth <= 0 and "}" in line:
                active = False
    return inside


def check_cpp(name, text):
    problems = []
    lines = text.splitlines()
    declaring = declaring_ranges(lines)
    for number, line in enumerate(lines):
        code = line.split("//", 1)[0] if not line.lstrip().startswith("//") else ""
        if "home()" in code:
            problems.append(f"{name}:{number + 1}: builds a path from home(); use the route's name")
        if number in declaring:
            continue
        for literal in LITERAL.findall(code):
            if literal in ALLOWED_LITERALS:
                continue
            for pattern, what in PATH_LIKE:
                if pattern.search(literal):
                    problems.append(f'{name}:{number + 1}: "{literal}" is {what} written by hand; use url()')
                    break
    return problems


def check_template(name, text):
    problems = []
    for number, line in enumerate(text.splitlines()):
        if TEMPLATE_LITERAL_URL.search(line):
            problems.append(f"{name}:{number + 1}: a link to a literal path; pass the route's URL in the data")
        if TEMPLATE_GLUED.search(line):
            problems.append(f"{name}:{number + 1}: text glued after a URL variable builds a path by hand")
    return problems


def check_tree(root):
    problems = []
    for folder in CHECKED_FOLDERS:
        for path in sorted((root / "src" / "web" / folder).glob("*.cpp")):
            if path.name.endswith("_test.cpp") or f"{folder}/{path.name}" in EMBEDDED_FILE_CODE:
                continue
            problems += check_cpp(str(path.relative_to(root)), path.read_text(encoding="utf-8"))
    for path in sorted((root / "assets" / "templates").rglob("*.mustache")):
        problems += check_template(str(path.relative_to(root)), path.read_text(encoding="utf-8"))
    return problems


def self_test():
    bad_cpp = '\n'.join([
        'Response Pages::x(RequestContext& context) {',
        '    return Response::redirect(303, context.home() + "ma-famille");',
        '    const std::string a = "/chanteloup-les-vignes/connexion";',
        '    const std::string b = base + "agents/";',
        '    const std::string c = "/{commune}/x";',
        '}',
    ])
    good_cpp = '\n'.join([
        'void Feature::add_routes(Installation& site) {',
        '    site.routes.add(commune_route(Method::get, "/{commune}/x", "x.page", Policy::anyone(), handler));',
        '}',
        'Response Feature::x(RequestContext& context) {',
        '    response.headers.set("Content-Type", "text/html");',
        '    return Response::redirect(303, context.url("x.page"));',
        '}',
    ])
    bad_template = '<a href="/chanteloup/">x</a>\n<a href="{{commune.home}}connexion">y</a>\n'
    good_template = '<a href="{{login_url}}">x</a>\n<img src="{{assets.logo}}" alt="">\n'
    failures = []
    if len(check_cpp("bad.cpp", bad_cpp)) != 4:
        failures.append(f"bad C++ not refused as expected: {check_cpp('bad.cpp', bad_cpp)}")
    if check_cpp("good.cpp", good_cpp):
        failures.append(f"good C++ refused: {check_cpp('good.cpp', good_cpp)}")
    if len(check_template("bad.mustache", bad_template)) != 2:
        failures.append(f"bad template not refused: {check_template('bad.mustache', bad_template)}")
    if check_template("good.mustache", good_template):
        failures.append(f"good template refused: {check_template('good.mustache', good_template)}")
    return failures


def main():
    if sys.argv[1:] == ["--self-test"]:
        failures = self_test()
        print("\n".join(failures) if failures else "check_paths self-test OK")
        return 1 if failures else 0
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    problems = check_tree(root)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} path(s) built by hand")
        return 1
    print("no path built by hand")
    return 0


if __name__ == "__main__":
    sys.exit(main())
