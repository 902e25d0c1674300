"""G2 end-to-end: accounts over HTTP, with a real SMTP server receiving the mails, on the backend the run selects."""
import os
import re
import secrets
import time
import unittest
import urllib.parse

from harness import DEMO_COMMUNE, GuichetServer, TestDatabase, catalogue, run_cli
from smtp_sink import SmtpSink, links_in, text_of
from web_client import Browser

C = "/chanteloup-les-vignes/"
PASSWORD = "le chat dort sur le radiateur"
FR = catalogue("fr")


def start_server(database, sink=None, extra_config=""):
    config = os.path.join(database.folder, f"guichet-{secrets.token_hex(3)}.toml")
    with open(config, "w") as f:
        if sink is not None:
            f.write(f'[mail]\nsmtp_url = "{sink.url}"\ntls = "none"\nretry_base_seconds = 1\n'
                    'from = "Guichet <no-reply@guichet.example>"\n')
        f.write(extra_config)
    server = GuichetServer(database, extra_args=["--config", config])
    server.config_path = config
    return server


def signup_fields(username, email, password=PASSWORD, **overrides):
    fields = {"civility": "madame", "last_name": "Dupont", "first_name": "Marie",
              "address_line": "18 avenue de Poissy", "address_complement": "", "postal_code": "78570",
              "city": "Chanteloup-les-Vignes", "mobile_phone": "06 12 34 56 78", "landline_phone": "",
              "email": email, "username": username, "password": password, "childcare_key": ""}
    fields.update(overrides)
    return fields


class AccountsTest(unittest.TestCase):
    """One server with a real SMTP sink, shared by the account stories below (each uses its own people)."""

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink().start()
        cls.database = TestDatabase()
        assert run_cli(*DEMO_COMMUNE, database=cls.database.url).returncode == 0
        # Every person of these stories signs up from the loopback address (SignupFloodTest keeps the default).
        cls.server = start_server(cls.database, cls.sink, "[security]\nsignups_per_address_per_hour = 1000\n")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sink.stop()
        cls.database.close()

    def browser(self):
        return Browser(self.server.port)

    def link_from_mail(self, to, path):
        mail = self.sink.wait_for(lambda m: to in m.rcpt_tos and any(path in link for link in links_in(m)))
        link = [link for link in links_in(mail) if path in link][-1]
        return mail, urllib.parse.urlsplit(link)

    def follow(self, browser, link, expect=200):
        """Opens a mailed link (a page with a button) and presses the button; returns the result page."""
        page = browser.get(link.path + "?" + link.query)
        self.assertEqual(page.status, expect, page.text[:500])
        if expect != 200:
            return page
        action = re.search(r'<form[^>]*method="post"[^>]*action="([^"]*confirmer[^"]*)"', page.text).group(1)
        token = page.field_value("token")
        return browser.post(action, {"token": token}, csrf=page.csrf())

    def register(self, username, email, password=PASSWORD):
        browser = self.browser()
        done = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace", signup_fields(username, email, password))
        self.assertEqual(done.status, 200, done.text[:800])
        _, link = self.link_from_mail(email, "confirmer-mon-adresse")
        confirmed = self.follow(browser, link)
        self.assertEqual(confirmed.status, 200)
        return browser

    def login(self, browser, login, password=PASSWORD):
        return browser.submit(C + "connexion", C + "connexion", {"login": login, "password": password})

    def test_signup_confirm_login_shows_the_previous_login_then_logout(self):
        browser = self.browser()
        form = browser.get(C + "creer-mon-espace")
        self.assertEqual(form.status, 200)
        done = browser.post(C + "creer-mon-espace", signup_fields("marie.dupont", "marie@example.fr"))
        self.assertEqual(done.status, 200, done.text[:1000])
        self.assertIn("marie@example.fr", done.text)

        mail, link = self.link_from_mail("marie@example.fr", "confirmer-mon-adresse")
        self.assertEqual(mail.message["From"], "Guichet <no-reply@guichet.example>")
        self.assertEqual(mail.message["Reply-To"], "inscriptionenfance@chanteloup-les-vignes.fr")
        self.assertIn("Chanteloup-les-Vignes", mail.subject)
        self.assertIsNotNone(mail.message.get_body(("html",)))

        before = self.login(self.browser(), "marie.dupont")
        self.assertEqual(before.status, 401, "not before the address is confirmed, and no hint that it exists")
        self.assertIn("Identifiant ou mot de passe incorrect", before.text)

        self.assertEqual(self.follow(browser, link).status, 200)
        self.assertEqual(self.follow(browser, link, expect=410).status, 410, "the link works once")

        first = self.login(browser, "marie.dupont")
        self.assertEqual(first.status, 303)
        self.assertEqual(first.location, C + "mon-espace")
        home = browser.get(C + "mon-espace")
        self.assertEqual(home.status, 200)
        self.assertIn("Bonjour", home.text)
        self.assertIn("Madame DUPONT", home.text)
        self.assertNotIn("Dernière connexion", home.text)

        out = browser.post(C + "deconnexion", {}, csrf=home.csrf())
        self.assertEqual(out.status, 303)
        self.assertEqual(browser.get(C + "mon-espace").status, 303, "signed out")

        self.assertEqual(self.login(browser, "MARIE@example.fr").status, 303)
        again = browser.get(C + "mon-espace")
        self.assertRegex(again.text, r"Dernière connexion le \d\d/\d\d/\d{4} à \d\d:\d\d")

    def test_the_session_id_changes_at_login_and_the_old_one_dies(self):
        browser = self.register("fixation", "fixation@example.fr")
        browser.cookies["guichet_session"] = "A" * 43  # planted by an attacker before sign-in
        self.assertEqual(self.login(browser, "fixation").status, 303)
        first = browser.cookies["guichet_session"]
        self.assertNotEqual(first, "A" * 43)
        self.assertEqual(self.login(browser, "fixation").status, 303)
        second = browser.cookies["guichet_session"]
        self.assertNotEqual(first, second)
        stale = self.browser()
        stale.cookies["guichet_session"] = first
        self.assertEqual(stale.get(C + "mon-espace").status, 303)

    def test_session_cookie_attributes(self):
        browser = self.register("cookies", "cookies@example.fr")
        response = self.login(browser, "cookies")
        cookie = [c for c in response.headers["set-cookie"].split("\n") if c.startswith("guichet_session=")][0]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertIn("Path=/", cookie)
        self.assertNotIn("Max-Age", cookie, "a browser-session cookie; the server enforces the timeouts")
        self.assertGreaterEqual(len(browser.cookies["guichet_session"]), 22, "at least 128 bits")

    def test_password_reset_by_mail_link(self):
        browser = self.register("reset.me", "reset@example.fr")
        asked = browser.submit(C + "mot-de-passe-oublie", C + "mot-de-passe-oublie", {"email": "reset@example.fr"})
        self.assertEqual(asked.status, 200)
        unknown = self.browser().submit(C + "mot-de-passe-oublie", C + "mot-de-passe-oublie",
                                        {"email": "nobody@example.fr"})
        self.assertEqual(re.sub(r'value="[^"]+"', "", unknown.text), re.sub(r'value="[^"]+"', "", asked.text),
                         "the same answer whether the address is known or not")
        _, link = self.link_from_mail("reset@example.fr", "nouveau-mot-de-passe")
        page = browser.get(link.path + "?" + link.query)
        self.assertEqual(page.status, 200)
        weak = browser.post(link.path, {"token": page.field_value("token"), "password": "azertyuiop"},
                            csrf=page.csrf())
        self.assertEqual(weak.status, 422)
        common = browser.post(link.path, {"token": page.field_value("token"), "password": "motdepasse123"},
                              csrf=page.csrf())
        self.assertEqual(common.status, 422)
        done = browser.post(link.path, {"token": page.field_value("token"), "password": "une nouvelle phrase de passe"},
                            csrf=page.csrf())
        self.assertEqual(done.status, 200, done.text[:500])
        self.assertEqual(browser.get(link.path + "?" + link.query).status, 410, "used")
        self.assertEqual(self.login(self.browser(), "reset.me").status, 401)
        self.assertEqual(self.login(self.browser(), "reset.me", "une nouvelle phrase de passe").status, 303)
        self.sink.wait_for(lambda m: "reset@example.fr" in m.rcpt_tos and "mot de passe" in (text_of(m) or ""))

    def test_email_change_is_confirmed_by_the_new_address(self):
        browser = self.register("change.mail", "old@example.fr")
        self.assertEqual(self.login(browser, "change.mail").status, 303)
        asked = browser.submit(C + "mon-compte", C + "mon-compte/courriel",
                               {"email": "new@example.fr", "current_password": PASSWORD})
        self.assertEqual(asked.status, 303)
        account = browser.get(C + "mon-compte")
        self.assertIn("new@example.fr", account.text, "shown as waiting for confirmation")
        self.sink.wait_for(lambda m: "old@example.fr" in m.rcpt_tos and "Changement" in m.subject or
                           ("old@example.fr" in m.rcpt_tos and "adresse" in (text_of(m) or "")))
        _, link = self.link_from_mail("new@example.fr", "confirmer-courriel")
        self.assertEqual(self.login(self.browser(), "new@example.fr").status, 401, "not before confirmation")
        self.assertEqual(self.follow(browser, link).status, 200)
        self.assertEqual(self.login(self.browser(), "new@example.fr").status, 303)
        self.assertEqual(self.login(self.browser(), "old@example.fr").status, 401)

    def test_username_and_password_changes_notify_and_end_other_sessions(self):
        browser = self.register("change.pw", "changepw@example.fr")
        other = self.browser()
        self.assertEqual(self.login(browser, "change.pw").status, 303)
        self.assertEqual(self.login(other, "change.pw").status, 303)
        wrong = browser.submit(C + "mon-compte", C + "mon-compte/mot-de-passe",
                               {"current_password": "pas le bon", "new_password": "une autre phrase de passe"})
        self.assertEqual(wrong.status, 422)
        changed = browser.submit(C + "mon-compte", C + "mon-compte/mot-de-passe",
                                 {"current_password": PASSWORD, "new_password": "une autre phrase de passe"})
        self.assertEqual(changed.status, 303)
        self.assertEqual(browser.get(C + "mon-compte").status, 200, "this browser carries on")
        self.assertEqual(other.get(C + "mon-compte").status, 303, "the other session ended")
        renamed = browser.submit(C + "mon-compte", C + "mon-compte/identifiant",
                                 {"username": "change.pw2", "current_password": "une autre phrase de passe"})
        self.assertEqual(renamed.status, 303)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            notices = [m for m in self.sink.messages() if "changepw@example.fr" in m.rcpt_tos]
            if len(notices) >= 3:
                break
            time.sleep(0.1)
        self.assertEqual(len(notices), 3, "the confirmation, then one notice per change")

    def test_duplicate_username_is_said_duplicate_email_is_not(self):
        self.register("taken.name", "taken@example.fr")
        browser = self.browser()
        same_name = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                                   signup_fields("Taken.Name", "someone.else@example.fr"))
        self.assertEqual(same_name.status, 422)
        self.assertIn("déjà pris", same_name.text)
        self.assertIn('value="someone.else@example.fr"', same_name.text, "the form keeps what was typed")
        self.assertNotIn(PASSWORD, same_name.text, "but never the password")
        same_mail = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                                   signup_fields("another.name", "TAKEN@example.fr"))
        self.assertEqual(same_mail.status, 200, "looks like any sign-up")
        self.sink.wait_for(lambda m: "taken@example.fr" in m.rcpt_tos and "connexion" in " ".join(links_in(m)))

    def test_bad_input_gets_field_messages_and_changes_nothing(self):
        rows = self.database.scalar
        accounts_before = rows("SELECT COUNT(*) FROM account")
        mails_before = rows("SELECT COUNT(*) FROM outbox_message")
        browser = self.browser()
        page = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                              signup_fields("x", "pas-une-adresse", "court", postal_code="7857", last_name=""))
        self.assertEqual(page.status, 422)
        expected = {"last_name": "err_required", "postal_code": "err_postal_code", "email": "err_email_invalid",
                    "username": "err_username_invalid", "password": "err_password_too_short"}
        for field, key in expected.items():
            self.assertEqual(page.field_error(field), FR[key], field)
        for field in ["first_name", "address_line", "city", "mobile_phone", "childcare_key"]:
            self.assertIsNone(page.field_error(field), f"{field} was right")
        summary = page.error_summary()
        self.assertIsNotNone(summary, "the summary at the top of the form is shown")
        self.assertEqual([href for href, _ in summary], ["#champ-" + field for field in expected],
                         "one link per wrong field, in the order of the form")
        for (_, text), key in zip(summary, expected.values()):
            self.assertTrue(text.endswith(FR[key]), text)
        self.assertEqual(page.field_value("email"), "pas-une-adresse", "the form keeps what was typed")
        self.assertNotIn("court", re.findall(r'<input[^>]*name="password"[^>]*>', page.text)[0])

        # The same with a well-formed address: the other fields still refuse, and that address gets nothing.
        email = "bad.input@example.fr"
        again = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                               signup_fields("bad.input", email, "court", postal_code="7857"))
        self.assertEqual(again.status, 422)
        self.assertIsNone(again.field_error("email"))
        self.assertEqual(again.field_error("password"), FR["err_password_too_short"])
        self.assertEqual([href for href, _ in again.error_summary()], ["#champ-postal_code", "#champ-password"])

        garbage = browser.request("POST", C + "creer-mon-espace", body="%zz=%%",
                                  headers={"Content-Type": "application/x-www-form-urlencoded",
                                           "Origin": browser.origin})
        self.assertEqual(garbage.status, 400)

        self.assertEqual(rows("SELECT COUNT(*) FROM account"), accounts_before, "no account row written")
        self.assertEqual(rows("SELECT COUNT(*) FROM outbox_message"), mails_before, "no mail queued")
        # The control: the same address, typed with the rest right, gets its account and its one mail; the mail
        # that arrives is that one, and the only one the address ever had.
        done = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace", signup_fields("bad.input", email))
        self.assertEqual(done.status, 200, done.text[:800])
        self.link_from_mail(email, "confirmer-mon-adresse")
        self.assertEqual(rows("SELECT COUNT(*) FROM account"), accounts_before + 1)
        self.assertEqual(rows(f"SELECT COUNT(*) FROM outbox_message WHERE recipient = '{email}'"), 1)
        self.assertEqual([m.rcpt_tos for m in self.sink.messages() if email in m.rcpt_tos], [[email]])

    def test_csrf_missing_forged_or_cross_origin_is_403_and_changes_nothing(self):
        browser = self.register("csrf.victim", "csrf@example.fr")
        self.assertEqual(self.login(browser, "csrf.victim").status, 303)
        contact = browser.get(C + "coordonnees")
        fields = {"civility": "monsieur", "last_name": "Pirate", "first_name": "X", "address_line": "1 rue",
                  "postal_code": "75001", "city": "Paris"}
        self.assertEqual(browser.post(C + "coordonnees", fields, with_csrf=False).status, 403)
        self.assertEqual(browser.post(C + "coordonnees", fields, csrf="forged" + contact.csrf()[6:]).status, 403)
        self.assertEqual(browser.post(C + "coordonnees", fields, csrf=contact.csrf(),
                                      origin="http://evil.example").status, 403)
        self.assertNotIn("Pirate", browser.get(C + "coordonnees").text)
        api = browser.api("POST", C + "api/v1/moi/coordonnees", dict(fields, last_name="Api"))
        self.assertEqual(api.status, 403)
        token = browser.api("GET", C + "api/v1/moi").json()["csrf_token"]
        ok = browser.api("POST", C + "api/v1/moi/coordonnees", dict(fields, last_name="Api"), token=token)
        self.assertEqual(ok.status, 200, ok.text)
        self.assertIn("Api", browser.get(C + "coordonnees").text)
        saved = browser.post(C + "coordonnees", dict(fields, last_name="Durand"), csrf=contact.csrf())
        self.assertEqual(saved.status, 303)
        self.assertIn("Durand", browser.get(C + "coordonnees").text)

    def test_the_return_address_cannot_inject_headers_or_leave_the_commune(self):
        self.register("returning", "returning@example.fr")
        for retour, expected in [
            (C + "coordonnees", C + "coordonnees"),
            (C + "mon-espace%0D%0ASet-Cookie:%20guichet_session=evil", C + "mon-espace"),
            ("//evil.example/", C + "mon-espace"),
            ("https://evil.example/", C + "mon-espace"),
            ("/andresy/", C + "mon-espace"),
        ]:
            browser = self.browser()
            page = browser.get(C + "connexion?retour=" + retour)
            response = browser.post(C + "connexion?retour=" + retour, {"login": "returning", "password": PASSWORD},
                                    csrf=page.csrf())
            self.assertEqual(response.status, 303, retour)
            self.assertEqual(response.location, expected, retour)
            self.assertNotIn("evil", response.headers.get("set-cookie", ""), retour)

    def test_a_password_reset_revokes_a_pending_email_change(self):
        browser = self.register("hijack.target", "target@example.fr")
        self.assertEqual(self.login(browser, "hijack.target").status, 303)
        browser.submit(C + "mon-compte", C + "mon-compte/courriel",
                       {"email": "attacker@example.fr", "current_password": PASSWORD})
        _, change_link = self.link_from_mail("attacker@example.fr", "confirmer-courriel")
        self.browser().submit(C + "mot-de-passe-oublie", C + "mot-de-passe-oublie", {"email": "target@example.fr"})
        _, reset_link = self.link_from_mail("target@example.fr", "nouveau-mot-de-passe")
        owner = self.browser()
        page = owner.get(reset_link.path + "?" + reset_link.query)
        owner.post(reset_link.path, {"token": page.field_value("token"), "password": "reprise en main du compte"},
                   csrf=page.csrf())
        self.assertEqual(self.follow(self.browser(), change_link, expect=410).status, 410)

    def test_login_csrf_is_refused_too(self):
        response = self.browser().post(C + "connexion", {"login": "x", "password": "y"}, with_csrf=False)
        self.assertEqual(response.status, 403)

    def test_staff_roles_are_enforced_on_the_back_office(self):
        parent = self.register("not.an.agent", "parent.role@example.fr")
        self.assertEqual(self.login(parent, "not.an.agent").status, 303)
        for path in ["agents/", "agents/comptes", "agents/courriels", "agents/fermetures"]:
            self.assertEqual(parent.get(C + path).status, 403, path)
        self.assertEqual(self.browser().get(C + "agents/").status, 303, "anonymous: to the sign-in page")

        created = run_cli("agent", "add", "chanteloup-les-vignes", "--email", "agent@mairie.example.fr",
                          "--first-name", "Paul", "--last-name", "Martin", database=self.database.url)
        self.assertEqual(created.returncode, 0, created.stderr)
        link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", created.stdout).group(0))
        agent = self.browser()
        page = agent.get(link.path + "?" + link.query)
        self.assertEqual(page.status, 200)
        set_pw = agent.post(link.path, {"token": page.field_value("token"), "password": "la mairie ouvre a neuf heures"},
                            csrf=page.csrf())
        self.assertEqual(set_pw.status, 200)
        signed = self.login(agent, "agent@mairie.example.fr", "la mairie ouvre a neuf heures")
        self.assertEqual(signed.location, C + "agents/")
        self.assertEqual(agent.get(C + "agents/").status, 200)
        self.assertEqual(agent.get(C + "agents/comptes").status, 200)
        self.assertEqual(agent.get(C + "agents/courriels").status, 403, "administrators only")
        self.assertEqual(agent.get(C + "mon-espace").status, 403, "an agent has no family space")
        refused = agent.submit(C + "agents/comptes", C + "agents/comptes",
                               {"email": "x@mairie.example.fr", "first_name": "X", "last_name": "Y", "role": "admin"})
        self.assertEqual(refused.status, 403, "only an admin creates agents")

    def test_an_admin_changes_an_agents_role_and_the_change_is_enforced_at_once(self):
        def invited(email, role, password):
            created = run_cli("agent", "add", "chanteloup-les-vignes", "--email", email, "--role", role,
                              "--first-name", "R", "--last-name", "Ole", database=self.database.url)
            link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", created.stdout).group(0))
            browser = self.browser()
            page = browser.get(link.path + "?" + link.query)
            browser.post(link.path, {"token": page.field_value("token"), "password": password}, csrf=page.csrf())
            self.assertEqual(self.login(browser, email, password).status, 303)
            return browser
        admin = invited("chief@mairie.example.fr", "admin", "le chef de service")
        agent = invited("promoted@mairie.example.fr", "agent", "une promotion méritée")
        self.assertEqual(agent.get(C + "agents/courriels").status, 403)
        accounts = admin.get(C + "agents/comptes")
        row = [r for r in accounts.text.split("<tr>") if "promoted@mairie.example.fr" in r][0]
        target = re.search(r'action="(%sagents/comptes/\d+/role)"' % re.escape(C), row).group(1)
        self.assertEqual(admin.post(target, {"role": "admin"}, csrf=accounts.csrf()).status, 303)
        self.assertEqual(agent.get(C + "agents/").status, 303, "the promoted agent signs in again")
        self.assertEqual(self.login(agent, "promoted@mairie.example.fr", "une promotion méritée").status, 303)
        self.assertEqual(agent.get(C + "agents/courriels").status, 200)
        self.assertEqual(agent.post(target, {"role": "parent"}, csrf=agent.get(C + "agents/comptes").csrf()).status,
                         400, "only agent or admin")
        own_row = [r for r in agent.get(C + "agents/comptes").text.split("<tr>") if "promoted@mairie" in r][0]
        self.assertNotIn("/role", own_row, "no form to change one's own role")

    def staff_member(self, email, role, password):
        """An agent or admin invited from the command line who chose his password through the mailed link and is
        signed in; returns his browser."""
        created = run_cli("agent", "add", "chanteloup-les-vignes", "--email", email, "--role", role,
                          "--first-name", "C", "--last-name", "Loser", "--config", self.server.config_path,
                          database=self.database.url)
        self.assertEqual(created.returncode, 0, created.stderr)
        _, link = self.link_from_mail(email, "definir-mot-de-passe")
        browser = self.browser()
        page = browser.get(link.path + "?" + link.query)
        browser.post(link.path, {"token": page.field_value("token"), "password": password}, csrf=page.csrf())
        self.assertEqual(self.login(browser, email, password).status, 303)
        return browser

    def account_row(self, username):
        return self.database.scalar(
            f"SELECT status || '|' || username || '|' || email || '|' || last_name FROM account "
            f"WHERE username = '{username}'")

    def test_closure_asked_by_the_parent_refused_to_an_agent_and_confirmed_by_an_admin(self):
        parent = self.register("leaving", "leaving@example.fr")
        self.assertEqual(self.login(parent, "leaving").status, 303)
        export = parent.get(C + "mes-donnees/export")
        self.assertEqual(export.status, 200)
        self.assertEqual(export.json()["account"]["email"], "leaving@example.fr")
        self.assertIn("attachment", export.headers["content-disposition"])
        asked = parent.submit(C + "mes-donnees", C + "mes-donnees/fermeture",
                              {"current_password": PASSWORD, "confirm": "oui"})
        self.assertEqual(asked.status, 303)
        account_id = self.database.scalar("SELECT id FROM account WHERE username = 'leaving'")

        agent = self.staff_member("closer@mairie.example.fr", "agent", "fermeture des comptes")
        home = agent.get(C + "agents/")
        self.assertNotIn(C + "agents/fermetures", home.text, "no link to a page the agent may not open")
        self.assertEqual(agent.get(C + "agents/fermetures").status, 403)
        forged = agent.post(C + f"agents/fermetures/{account_id}", {}, csrf=home.csrf())
        self.assertEqual(forged.status, 403)
        self.assertEqual(self.account_row("leaving"), "closure_requested|leaving|leaving@example.fr|Dupont",
                         "an agent's confirmation closes nothing")

        admin = self.staff_member("chief.closer@mairie.example.fr", "admin", "les fermetures du chef")
        closures = admin.get(C + "agents/fermetures")
        self.assertIn("leaving@example.fr", closures.text)
        action = re.search(r'action="(%sagents/fermetures/\d+)"' % re.escape(C), closures.text).group(1)
        self.assertEqual(admin.post(action, {}, csrf=closures.csrf()).status, 303)
        self.assertEqual(self.database.scalar(
            f"SELECT status || '|' || username || '|' || email || '|' || last_name FROM account WHERE id = {account_id}"),
            f"closed|#closed-{account_id}|#closed-{account_id}|")
        self.assertEqual(self.login(self.browser(), "leaving").status, 401)
        self.assertEqual(parent.get(C + "mon-espace").status, 303, "the closed account's session ended")

    def test_the_closure_form_is_no_password_oracle(self):
        parent = self.register("oracle", "oracle@example.fr")
        self.assertEqual(self.login(parent, "oracle").status, 303)
        account_id = self.database.scalar("SELECT id FROM account WHERE username = 'oracle'")

        def ask(password, confirm):
            fields = {"current_password": password}
            if confirm:
                fields["confirm"] = "oui"
            return parent.submit(C + "mes-donnees", C + "mes-donnees/fermeture", fields)

        # Without the box ticked nothing is closed: the right and a wrong password get the same answer.
        right, wrong = ask(PASSWORD, False), ask("pas le bon mot de passe", False)
        self.assertEqual(right.status, wrong.status)
        self.assertEqual(right.error_summary(), wrong.error_summary())
        self.assertEqual(right.field_error("confirm"), FR["err_confirm_required"])
        self.assertIsNone(right.field_error("current_password"))
        self.assertIsNone(wrong.field_error("current_password"))
        self.assertIsNone(self.database.scalar(f"SELECT key FROM throttle WHERE key = 'reauth:{account_id}'"),
                          "the password was not even checked")
        # With the box ticked, guesses are throttled: after three wrong ones the right password is not checked.
        for guess in ["essai 1", "essai 2", "essai 3", "essai 4"]:
            self.assertEqual(ask(guess, True).field_error("current_password"), FR["err_current_password"])
        key = f"key = 'reauth:{account_id}'"
        self.assertEqual(self.database.scalar(f"SELECT failures FROM throttle WHERE {key}"), 4)
        self.assertGreater(self.database.scalar(f"SELECT blocked_until_us FROM throttle WHERE {key}"), 0)
        # The fourth failure blocks for a second; an attacker who kept guessing would have it blocked for longer,
        # which the test stands for by moving the end of the block (so that its speed does not matter).
        self.database.execute(f"UPDATE throttle SET blocked_until_us = blocked_until_us + 3600000000 WHERE {key}")
        blocked = ask(PASSWORD, True)
        self.assertEqual(blocked.field_error("current_password"), FR["err_reauth_throttled"])
        self.assertEqual(self.database.scalar(f"SELECT status FROM account WHERE id = {account_id}"), "active")
        self.assertEqual(self.database.scalar(f"SELECT failures FROM throttle WHERE {key}"), 4,
                         "a blocked attempt is not checked")
        # The username form shares the count.
        other = parent.submit(C + "mon-compte", C + "mon-compte/identifiant",
                              {"username": "oracle.bis", "current_password": PASSWORD})
        self.assertEqual(other.field_error("username-current_password"), FR["err_reauth_throttled"])
        self.assertEqual(self.database.scalar(f"SELECT username FROM account WHERE id = {account_id}"), "oracle")

    def test_a_sign_up_made_beforehand_cannot_block_a_closure(self):
        parent = self.register("squatted", "squatted@example.fr")
        self.assertEqual(self.login(parent, "squatted").status, 303)
        account_id = self.database.scalar("SELECT id FROM account WHERE username = 'squatted'")
        # A stranger reserves, without ever confirming, every name the closed account could take.
        for name in [f"ferme-{account_id}", f"closed-{account_id}", f"#closed-{account_id}"]:
            self.browser().submit(C + "creer-mon-espace", C + "creer-mon-espace",
                                  signup_fields(name, f"{name}@squat.example"))
        self.assertIsNone(self.database.scalar(f"SELECT id FROM account WHERE username = '#closed-{account_id}'"),
                          "nobody can choose the closed name")
        self.assertEqual(parent.submit(C + "mes-donnees", C + "mes-donnees/fermeture",
                                       {"current_password": PASSWORD, "confirm": "oui"}).status, 303)
        admin = self.staff_member("squat.admin@mairie.example.fr", "admin", "personne ne bloque rien")
        closures = admin.get(C + "agents/fermetures")
        confirmed = admin.post(C + f"agents/fermetures/{account_id}", {}, csrf=closures.csrf())
        self.assertEqual(confirmed.status, 303)
        self.assertEqual(self.database.scalar(f"SELECT status FROM account WHERE id = {account_id}"), "closed")
        self.assertEqual(self.database.scalar(f"SELECT last_name FROM account WHERE id = {account_id}"), "")


class SignupLimitsTest(unittest.TestCase):
    """Sign-ups mail addresses nobody has proved to own: limited per network address and per destination, with the
    default settings."""

    def setUp(self):
        self.database = TestDatabase()
        run_cli(*DEMO_COMMUNE, database=self.database.url)
        self.server = start_server(self.database)

    def tearDown(self):
        self.server.stop()
        self.database.close()

    def sign_up(self, username, email, **overrides):
        browser = Browser(self.server.port)
        return browser.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                              signup_fields(username, email, **overrides))

    def mails_to(self, address):
        return self.database.scalar(f"SELECT COUNT(*) FROM outbox_message WHERE recipient = '{address}'")

    def accounts_named(self, username):
        return self.database.scalar(f"SELECT COUNT(*) FROM account WHERE username = '{username}'")

    def test_ten_sign_ups_an_hour_from_one_address(self):
        for i in range(10):
            self.assertEqual(self.sign_up(f"flood{i}", f"flood{i}@example.fr").status, 200, i)
        refused = self.sign_up("flood10", "flood10@example.fr")
        self.assertEqual(refused.status, 429)
        self.assertIn(FR["err_signups_throttled"], refused.text)
        self.assertIn("retry-after", refused.headers)
        self.assertEqual(self.accounts_named("flood10"), 0)
        self.assertEqual(self.mails_to("flood10@example.fr"), 0)
        self.assertEqual(self.mails_to("flood9@example.fr"), 1)

    def test_three_mails_a_day_to_an_address_nobody_confirmed(self):
        # The first sign-up creates the account; the next two are "already registered" mails to the same address:
        # the limit counts them alike, so that it tells nothing about which addresses have accounts.
        for i in range(3):
            self.assertEqual(self.sign_up(f"victim{i}", "victim@example.fr").status, 200, i)
        self.assertEqual(self.mails_to("victim@example.fr"), 3)
        fourth = self.sign_up("victim3", "victim@example.fr")
        self.assertEqual(fourth.status, 422)
        self.assertEqual(fourth.field_error("email"), FR["err_mail_quota"])
        self.assertEqual(self.accounts_named("victim3"), 0)
        resend = Browser(self.server.port).submit(C + "renvoyer-confirmation", C + "renvoyer-confirmation",
                                                  {"email": "victim@example.fr"})
        self.assertEqual(resend.status, 200, "the same answer as ever")
        forgot = Browser(self.server.port).submit(C + "mot-de-passe-oublie", C + "mot-de-passe-oublie",
                                                  {"email": "victim@example.fr"})
        self.assertEqual(forgot.status, 200)
        self.assertEqual(self.mails_to("victim@example.fr"), 3, "no fourth mail by any form")
        self.assertEqual(self.sign_up("other", "other@example.fr").status, 200, "other addresses are not affected")

    def test_names_are_names(self):
        for field, value in [("last_name", "Dupont, rendez-vous sur http://evil.example"),
                             ("last_name", "Dupont 06 12 34 56 78"),
                             ("first_name", "Marie\u202eesiop"),
                             ("first_name", "\u200b\u200b")]:
            refused = self.sign_up("named", "named@example.fr", **{field: value})
            self.assertEqual(refused.status, 422, value)
            self.assertEqual(refused.field_error(field), FR["err_name_characters"], value)
            self.assertEqual(self.accounts_named("named"), 0)
            self.assertEqual(self.mails_to("named@example.fr"), 0)
        accepted = self.sign_up("named", "named@example.fr", last_name="d’Artagnan-N’Diaye", first_name="J.-P.")
        self.assertEqual(accepted.status, 200, accepted.text[:500])
        self.assertEqual(self.database.scalar("SELECT last_name FROM account WHERE username = 'named'"),
                         "d’Artagnan-N’Diaye")


class LockoutTest(unittest.TestCase):
    def setUp(self):
        self.sink = SmtpSink().start()
        self.database = TestDatabase()
        run_cli(*DEMO_COMMUNE, database=self.database.url)
        self.server = start_server(self.database, self.sink)

    def tearDown(self):
        self.server.stop()
        self.sink.stop()
        self.database.close()

    def attempt(self, login, password):
        browser = Browser(self.server.port)
        return browser.submit(C + "connexion", C + "connexion", {"login": login, "password": password})

    def test_repeated_failures_lock_without_revealing_which_accounts_exist(self):
        browser = Browser(self.server.port)
        browser.submit(C + "creer-mon-espace", C + "creer-mon-espace", signup_fields("locked", "locked@example.fr"))
        mail = self.sink.wait_for(lambda m: "locked@example.fr" in m.rcpt_tos)
        link = urllib.parse.urlsplit([l for l in links_in(mail) if "confirmer" in l][0])
        page = browser.get(link.path + "?" + link.query)
        browser.post(link.path, {"token": page.field_value("token")}, csrf=page.csrf())

        def shape(response):
            return response.status, re.sub(r'value="[^"]*"', "", response.text)

        timings = {"locked": [], "ghost": []}
        for attempt in range(4):
            for login in ["locked", "ghost"]:
                started = time.monotonic()
                response = self.attempt(login, "mauvais mot de passe")
                timings[login].append(time.monotonic() - started)
                self.assertEqual(response.status, 401, (login, attempt))
                self.assertIn("Identifiant ou mot de passe incorrect", response.text)
        self.assertEqual(shape(self.attempt("locked", "encore faux"))[0], 429)
        self.assertEqual(shape(self.attempt("ghost", "encore faux"))[0], 429)
        locked = self.attempt("locked", PASSWORD)
        self.assertEqual(locked.status, 429, "even the right password waits")
        self.assertIn("Trop de tentatives", locked.text)
        self.assertIn("retry-after", locked.headers)
        known, unknown = sorted(timings["locked"])[1], sorted(timings["ghost"])[1]
        self.assertLess(abs(known - unknown), 0.25, f"similar timing: {known:.3f}s vs {unknown:.3f}s")
        time.sleep(2.2)
        self.assertEqual(self.attempt("locked", PASSWORD).status, 303, "the delay passes")


    def test_the_owners_browser_passes_a_lockout_that_holds_others_back(self):
        owner = Browser(self.server.port)
        owner.submit(C + "creer-mon-espace", C + "creer-mon-espace", signup_fields("owner", "owner@example.fr"))
        mail = self.sink.wait_for(lambda m: "owner@example.fr" in m.rcpt_tos)
        link = urllib.parse.urlsplit([l for l in links_in(mail) if "confirmer" in l][0])
        page = owner.get(link.path + "?" + link.query)
        owner.post(link.path, {"token": page.field_value("token")}, csrf=page.csrf())
        signed_in = owner.submit(C + "connexion", C + "connexion", {"login": "owner", "password": PASSWORD})
        self.assertEqual(signed_in.status, 303)
        device = [c for c in signed_in.headers["set-cookie"].split("\n") if c.startswith("guichet_appareil=")]
        self.assertEqual(len(device), 1, signed_in.headers["set-cookie"])
        for attribute in ["HttpOnly", "SameSite=Lax", "Max-Age=31536000", "Path=/"]:
            self.assertIn(attribute, device[0])
        home = owner.get(C + "mon-espace")
        owner.post(C + "deconnexion", {}, csrf=home.csrf())
        self.assertIn("guichet_appareil", owner.cookies, "signing out keeps the device cookie")

        # Someone who knows the username keeps failing, from browsers the account never used.
        for attempt in range(6):
            self.assertIn(self.attempt("owner", "devinette").status, (401, 429), attempt)
        self.assertEqual(self.attempt("owner", PASSWORD).status, 429, "an unknown browser waits, even right")
        back = owner.submit(C + "connexion", C + "connexion", {"login": "owner", "password": PASSWORD})
        self.assertEqual(back.status, 303, "the owner's browser goes through")
        self.assertEqual(owner.get(C + "mon-espace").status, 200)

        # A device cookie copied and altered proves nothing.
        forged = Browser(self.server.port)
        value = owner.cookies["guichet_appareil"]
        forged.cookies["guichet_appareil"] = value[:-1] + ("A" if value[-1] != "A" else "B")
        self.assertEqual(forged.submit(C + "connexion", C + "connexion",
                                       {"login": "owner", "password": PASSWORD}).status, 429)
        account = self.database.scalar("SELECT id FROM account WHERE username = 'owner'")
        self.assertGreaterEqual(self.database.scalar(f"SELECT failures FROM throttle WHERE key = 'account:{account}'"),
                                4, "the account's lockout still holds for unknown browsers")


class HeldMailTest(unittest.TestCase):
    def test_without_a_mail_server_admins_read_the_mails_and_follow_the_links(self):
        database = TestDatabase()
        try:
            run_cli(*DEMO_COMMUNE, database=database.url)
            server = start_server(database)
            try:
                created = run_cli("agent", "add", "chanteloup-les-vignes", "--email", "admin@mairie.example.fr",
                                  "--role", "admin", "--first-name", "A", "--last-name", "Dmin",
                                  database=database.url, env=dict(os.environ, GUICHET_PORT=str(server.port)))
                self.assertEqual(created.returncode, 0, created.stderr)
                link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", created.stdout).group(0))
                admin = Browser(server.port)
                page = admin.get(link.path + "?" + link.query)
                admin.post(link.path, {"token": page.field_value("token"), "password": "administration du portail"},
                           csrf=page.csrf())
                self.assertEqual(admin.submit(C + "connexion", C + "connexion",
                                              {"login": "admin@mairie.example.fr",
                                               "password": "administration du portail"}).status, 303)
                parent = Browser(server.port)
                parent.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                              signup_fields("held.mail", "held@example.fr"))
                mails = admin.get(C + "agents/courriels")
                self.assertEqual(mails.status, 200)
                self.assertIn("held@example.fr", mails.text)
                self.assertIn("Non envoyé", mails.text)
                href = re.findall(r'href="(%sagents/courriels/\d+)"' % re.escape(C), mails.text)[0]
                mail = admin.get(href)
                confirm = re.search(r'href="(http[^"]+confirmer-mon-adresse\?jeton=[^"]+)"', mail.text).group(1)
                link = urllib.parse.urlsplit(confirm.replace("&amp;", "&"))
                page = parent.get(link.path + "?" + link.query)
                self.assertEqual(page.status, 200)
                parent.post(link.path, {"token": page.field_value("token")}, csrf=page.csrf())
                self.assertEqual(parent.submit(C + "connexion", C + "connexion",
                                               {"login": "held.mail", "password": PASSWORD}).status, 303)
            finally:
                server.stop()
        finally:
            database.close()


class FailingMailTest(unittest.TestCase):
    def test_a_refused_recipient_is_marked_failed_for_the_admins(self):
        sink = SmtpSink(reject_recipients_matching=r"refused@").start()
        database = TestDatabase()
        try:
            run_cli(*DEMO_COMMUNE, database=database.url)
            server = start_server(database, sink)
            try:
                parent = Browser(server.port)
                parent.submit(C + "creer-mon-espace", C + "creer-mon-espace",
                              signup_fields("refused.mail", "refused@example.fr"))
                created = run_cli("agent", "add", "chanteloup-les-vignes", "--email", "boss@mairie.example.fr",
                                  "--role", "admin", "--first-name", "B", "--last-name", "Oss",
                                  "--config", server.config_path, database=database.url)
                link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", created.stdout).group(0))
                admin = Browser(server.port)
                page = admin.get(link.path + "?" + link.query)
                admin.post(link.path, {"token": page.field_value("token"), "password": "les courriels partent"},
                           csrf=page.csrf())
                admin.submit(C + "connexion", C + "connexion",
                             {"login": "boss@mairie.example.fr", "password": "les courriels partent"})
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline:
                    listing = admin.get(C + "agents/courriels").text
                    if "Échec" in listing:
                        break
                    time.sleep(0.3)
                self.assertIn("Échec", listing)
                self.assertIn("refused@example.fr", listing)
                self.assertIn("550", listing)
            finally:
                server.stop()
        finally:
            sink.stop()
            database.close()


if __name__ == "__main__":
    unittest.main()
