#!/usr/bin/python3
"""Creates a signed-in parent on a running demo server, for the benchmarks of the parent's pages.

Usage: bench/seed_parent.py BINARY DATABASE PORT

BINARY is the guichet executable serving DATABASE on 127.0.0.1:PORT (started with `guichet demo`, so the commune
chanteloup-les-vignes exists and no mail server is configured). Everything but the first staff account goes through
HTTP, as a browser would, so that the same script seeds old and new builds alike:
  an admin chooses his password through the one-time link `guichet agent add` prints, and signs in;
  he creates a household with three children and issues the first representative's clé enfance;
  a parent signs up with that key, and the admin reads the held confirmation mail at agents/courriels;
  the parent confirms his address through that mail's link and signs in.

Prints three lines on standard output:
  the Cookie header value of the parent's session (guichet_session=...);
  the path of one child's page (/chanteloup-les-vignes/ma-famille/enfants/<id>);
  that child's first name, which every page of the family shows.
Exits with status 1 and a message naming the failed step otherwise.
"""
import html
import http.client
import os
import re
import secrets
import string
import subprocess
import sys
import time
import urllib.parse

# The test client is only borrowed: no bytecode is left beside it in the test folder.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from web_client import Browser  # noqa: E402  (the path above must be set first)

COMMUNE = "chanteloup-les-vignes"
C = "/" + COMMUNE + "/"
AGENT_PASSWORD = "un agent de la mairie"
PARENT_PASSWORD = "le banc d essai du portail famille"
CHILDREN = [("Rémi", "2016-09-01"), ("Léa", "2018-03-04"), ("Noé", "2019-11-23")]
KEY = re.compile(r"\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b")


def fail(step, detail=""):
    message = f"seed_parent: {step} failed"
    if detail:
        message += ": " + detail
    print(message, file=sys.stderr)
    sys.exit(1)


def expect(page, statuses, step):
    """Stops the run unless the answer has one of the expected statuses; shows the start of the page otherwise."""
    if page.status not in statuses:
        excerpt = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", page.text)).strip()[:400]
        fail(step, f"HTTP {page.status} {page.location} {excerpt}".strip())
    return page


def local(url):
    """The path and query of a link: the server may print links with another host or port than the one used."""
    parts = urllib.parse.urlsplit(html.unescape(url))
    return parts.path + ("?" + parts.query if parts.query else "")


def sign_in(browser, login, password, step):
    signed = expect(browser.submit(C + "connexion", C + "connexion", {"login": login, "password": password}),
                    {303}, step)
    if "connexion" in signed.location or "guichet_session" not in browser.cookies:
        fail(step, "no session after signing in (redirected to " + signed.location + ")")


def admin_browser(binary, database, port, suffix):
    email = f"banc-{suffix}@mairie.example.fr"
    try:
        created = subprocess.run([binary, "agent", "add", COMMUNE, "--email", email, "--first-name", "Banc",
                                  "--last-name", "Essai", "--role", "admin", "--database", database],
                                 capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        fail("guichet agent add", str(error))
    found = re.search(r"http\S+definir-mot-de-passe\S+", created.stdout)
    if created.returncode != 0 or not found:
        fail("guichet agent add", (created.stderr or created.stdout).strip())
    browser = Browser(port)
    link = local(found.group(0))
    page = expect(browser.get(link), {200}, "opening the admin's set-password link")
    token = page.field_value("token")
    if not token:
        fail("opening the admin's set-password link", "no token field on the page")
    expect(browser.post(link.split("?", 1)[0], {"token": token, "password": AGENT_PASSWORD}, csrf=page.csrf()),
           {200, 303}, "choosing the admin's password")
    sign_in(browser, email, AGENT_PASSWORD, "signing the admin in")
    return browser


def household_key(admin, last_name):
    """Creates the household and its children, and returns the clé enfance of its first representative."""
    fields = {"address_line": "18 avenue de Poissy", "address_complement": "", "postal_code": "78570",
              "city": "Chanteloup-les-Vignes", "rep1_civility": "madame", "rep1_last_name": last_name,
              "rep1_first_name": "Marie", "rep1_relationship": "mother",
              "rep1_email": f"marie.{last_name.lower()}@example.fr", "rep1_mobile_phone": "06 12 34 56 78",
              "rep2_civility": "monsieur", "rep2_last_name": last_name, "rep2_first_name": "Xavier",
              "rep2_relationship": "father"}
    created = expect(admin.submit(C + "agents/familles/nouvelle", C + "agents/familles/nouvelle", fields),
                     {303}, "creating the household")
    household = local(created.location)
    if not re.search(r"/agents/familles/\d+$", household):
        fail("creating the household", "unexpected address " + created.location)
    for first_name, birth in CHILDREN:
        page = expect(admin.get(household), {200}, "opening the household")
        expect(admin.post(household + "/enfants",
                          {"last_name": last_name, "first_name": first_name, "birth_date": birth, "sex": "male",
                           "school": "École Victor Hugo", "class_level": "cm1", "diet": "no_pork"},
                          csrf=page.csrf()),
               {303}, "adding the child " + first_name)
    page = expect(admin.get(household), {200}, "opening the household")
    actions = re.findall(r'action="(%s/representants/\d+/cle)"' % re.escape(household), page.text)
    if not actions:
        fail("issuing the clé enfance", "no key form on the household page")
    issued = expect(admin.post(actions[0], {}, csrf=page.csrf()), {200}, "issuing the clé enfance")
    key = KEY.search(issued.text)
    if not key:
        fail("issuing the clé enfance", "no key on the page")
    return key.group(0)


def confirmation_link(admin, email):
    """The confirmation link of the mail held for this address, read by the admin among the mails of the portal."""
    deadline = time.monotonic() + 10
    while True:
        listing = expect(admin.get(C + "agents/courriels"), {200}, "listing the mails")
        for href in re.findall(r'href="(%sagents/courriels/\d+)"' % re.escape(C), listing.text):
            mail = expect(admin.get(href), {200}, "opening a mail")
            if email not in mail.text:
                continue
            for link in re.findall(r'href="([^"]*confirmer-mon-adresse[^"]*jeton=[^"]*)"', mail.text):
                return local(link)
        # The mail is written by the sign-up itself; the retry only covers a build that queues it.
        if time.monotonic() > deadline:
            fail("finding the confirmation mail", "no held mail to " + email + " with a confirmation link")
        time.sleep(0.2)


def parent_browser(admin, port, key, last_name, suffix):
    username = "banc" + suffix
    email = username + "@example.fr"
    browser = Browser(port)
    fields = {"civility": "madame", "last_name": last_name, "first_name": "Marie",
              "address_line": "18 avenue de Poissy", "postal_code": "78570", "city": "Chanteloup-les-Vignes",
              "email": email, "username": username, "password": PARENT_PASSWORD, "childcare_key": key}
    expect(browser.submit(C + "creer-mon-espace", C + "creer-mon-espace", fields), {200, 303},
           "signing the parent up")
    link = confirmation_link(admin, email)
    page = expect(browser.get(link), {200}, "opening the confirmation link")
    token = page.field_value("token")
    if not token:
        fail("opening the confirmation link", "no token field on the page")
    expect(browser.post(link.split("?", 1)[0], {"token": token}, csrf=page.csrf()), {200, 303},
           "confirming the parent's address")
    sign_in(browser, username, PARENT_PASSWORD, "signing the parent in")
    return browser


def seed(binary, database, port, suffix):
    last_name = "Banc" + suffix
    admin = admin_browser(binary, database, port, suffix)
    key = household_key(admin, last_name)
    parent = parent_browser(admin, port, key, last_name, suffix)

    family = expect(parent.get(C + "ma-famille"), {200}, "opening ma-famille as the parent")
    children = re.findall(r'href="(%sma-famille/enfants/\d+)"' % re.escape(C), family.text)
    if len(children) != len(CHILDREN):
        fail("opening ma-famille as the parent",
             f"{len(children)} child link(s) instead of {len(CHILDREN)}: the key did not link the household")
    child_path = children[0]
    child = expect(parent.get(child_path), {200}, "opening the child's page as the parent")
    names = [name for name, _ in CHILDREN if name in child.text]
    if not names:
        fail("opening the child's page as the parent", "none of the children's first names is on it")
    return child_path, names[0], "guichet_session=" + parent.cookies["guichet_session"]


def main():
    if len(sys.argv) != 4 or not sys.argv[3].isdigit():
        print("usage: bench/seed_parent.py BINARY DATABASE PORT", file=sys.stderr)
        sys.exit(2)
    binary, database, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # Fresh names on every run, so that the script can seed a database it has already seeded; letters only, since
    # the suffix also ends the family name.
    suffix = "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))
    try:
        child_path, child_name, cookie = seed(binary, database, port, suffix)
    except (OSError, http.client.HTTPException) as error:
        fail(f"talking to the server on port {port}", f"{type(error).__name__}: {error}")
    print(cookie)
    print(child_path)
    print(child_name)

if __name__ == "__main__":
    main()
