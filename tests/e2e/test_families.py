"""G3 end-to-end: households, clé enfance letters (PDF checked with pdftotext), linking, what each parent sees, and
that nobody reaches another household's data; on the backend the run selects."""
import os
import re
import secrets
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import uuid

from harness import DEMO_COMMUNE, GuichetServer, TestDatabase, catalogue, run_cli
from smtp_sink import SmtpSink, links_in
from web_client import Browser

C = "/chanteloup-les-vignes/"
PASSWORD = "le chat dort sur le radiateur"
KEY = re.compile(r"\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b")
KEY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
FR = catalogue("fr")


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True).stdout


def wrong_keys():
    """Well-formed clés enfance that no household was given (a fresh random one each time)."""
    while True:
        canonical = "".join(secrets.choice(KEY_ALPHABET) for _ in range(12))
        yield "-".join(canonical[i:i + 4] for i in range(0, 12, 4))


class FamilyServerCase(unittest.TestCase):
    """A server with a real SMTP sink and an agent of Chanteloup-les-Vignes, shared by the tests of a subclass, and
    the helpers of the family stories; extra_config is appended to the server's TOML configuration."""
    extra_config = ""

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink().start()
        cls.database = TestDatabase()
        assert run_cli(*DEMO_COMMUNE, database=cls.database.url).returncode == 0
        assert run_cli("tenant", "create", "andresy", "--name", "Andrésy", "--address", "Hôtel de ville",
                       database=cls.database.url).returncode == 0
        cls.config = os.path.join(cls.database.folder, "guichet.toml")
        # The jobs' files (letters) go to the test's folder, whatever the backend.
        cls.jobs_folder = os.path.join(cls.database.folder, "travaux")
        with open(cls.config, "w") as f:
            f.write(f'[mail]\nsmtp_url = "{cls.sink.url}"\ntls = "none"\nretry_base_seconds = 1\n')
            # Every parent of these stories signs up from the loopback address.
            f.write('[security]\nsignups_per_address_per_hour = 1000\n')
            f.write(f'[jobs]\ndirectory = "{cls.jobs_folder}"\n')
            f.write(cls.extra_config)
        cls.server = GuichetServer(cls.database, extra_args=["--config", cls.config])
        cls.agent = cls.staff("chanteloup-les-vignes", "agent@mairie.example.fr")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sink.stop()
        cls.database.close()

    @classmethod
    def staff(cls, commune, email):
        created = run_cli("agent", "add", commune, "--email", email, "--first-name", "A", "--last-name", "Gent",
                          "--config", cls.config, database=cls.database.url)
        assert created.returncode == 0, created.stderr
        link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", created.stdout).group(0))
        browser = Browser(cls.server.port)
        page = browser.get(link.path + "?" + link.query)
        browser.post(link.path, {"token": page.field_value("token"), "password": "un agent de la mairie"},
                     csrf=page.csrf())
        home = "/" + commune + "/"
        signed = browser.submit(home + "connexion", home + "connexion",
                                {"login": email, "password": "un agent de la mairie"})
        assert signed.status == 303, signed.status
        return browser

    def staff_login_from(self, cli_output, email):
        link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", cli_output).group(0))
        browser = Browser(self.server.port)
        page = browser.get(link.path + "?" + link.query)
        browser.post(link.path, {"token": page.field_value("token"), "password": "un lecteur de la mairie"},
                     csrf=page.csrf())
        signed = browser.submit(C + "connexion", C + "connexion", {"login": email, "password": "un lecteur de la mairie"})
        self.assertEqual(signed.status, 303)
        return browser

    def household(self, agent=None, commune=C, last_name="Dupont", second=True):
        agent = agent or self.agent
        fields = {"address_line": "18 avenue de Poissy", "address_complement": "", "postal_code": "78570",
                  "city": "Chanteloup-les-Vignes", "rep1_civility": "madame", "rep1_last_name": last_name,
                  "rep1_first_name": "Marie", "rep1_relationship": "mother",
                  "rep1_email": f"marie.{last_name.lower()}@example.fr", "rep1_mobile_phone": "06 12 34 56 78"}
        if second:
            fields.update({"rep2_civility": "monsieur", "rep2_last_name": last_name, "rep2_first_name": "Xavier",
                           "rep2_relationship": "father"})
        created = agent.submit(commune + "agents/familles/nouvelle", commune + "agents/familles/nouvelle", fields)
        self.assertEqual(created.status, 303, created.text[:2000])
        return created.location

    def add_child(self, household_url, first_name, birth="2016-09-01"):
        page = self.agent.get(household_url)
        added = self.agent.post(household_url + "/enfants",
                                {"last_name": "Dupont", "first_name": first_name, "birth_date": birth, "sex": "male",
                                 "school": "École Victor Hugo", "class_level": "cm1", "diet": "no_pork"},
                                csrf=page.csrf())
        self.assertEqual(added.status, 303, added.text[:1500])

    def actions(self, household_url, what):
        page = self.agent.get(household_url)
        return page, re.findall(r'action="(%s/representants/\d+/%s)"' % (re.escape(household_url), what), page.text)

    def parent(self, key=""):
        username = "p" + secrets.token_hex(4)
        email = username + "@example.fr"
        browser = Browser(self.server.port)
        fields = {"civility": "madame", "last_name": "Dupont", "first_name": "Marie",
                  "address_line": "18 avenue de Poissy", "postal_code": "78570", "city": "Chanteloup-les-Vignes",
                  "email": email, "username": username, "password": PASSWORD, "childcare_key": key}
        done = browser.submit(C + "creer-mon-espace", C + "creer-mon-espace", fields)
        self.assertEqual(done.status, 200, done.text[:1500])
        mail = self.sink.wait_for(lambda m: email in m.rcpt_tos)
        link = urllib.parse.urlsplit([l for l in links_in(mail) if "confirmer-mon-adresse" in l][0])
        page = browser.get(link.path + "?" + link.query)
        browser.post(link.path, {"token": page.field_value("token")}, csrf=page.csrf())
        self.assertEqual(browser.submit(C + "connexion", C + "connexion",
                                        {"login": username, "password": PASSWORD}).status, 303)
        browser.username = username
        return browser

    def link(self, browser, key):
        home = browser.get(C + "mon-espace")
        return browser.post(C + "cle-enfance", {"childcare_key": key}, csrf=home.csrf())

    def issue_key(self, household_url, index):
        """Has the agent generate the clé enfance of the household's representative number `index` (0 or 1);
        returns (representative id, key)."""
        page, actions = self.actions(household_url, "cle")
        issued = self.agent.post(actions[index], {}, csrf=page.csrf())
        self.assertEqual(issued.status, 200, issued.text[:1500])
        key = re.search(r'<dd class="key-reveal__key">([^<]+)</dd>', issued.text).group(1)
        self.assertRegex(key, KEY)
        return int(re.search(r"/representants/(\d+)/cle$", actions[index]).group(1)), key

    # What the database holds, read behind the server's back.

    def account_id(self, browser):
        found = self.database.scalar(f"SELECT id FROM account WHERE username_lower = '{browser.username}'")
        self.assertIsNotNone(found)
        return found

    def representative(self, representative_id, column):
        return self.database.scalar(f"SELECT {column} FROM representative WHERE id = {representative_id}")

    def linked_in(self, household_url):
        """How many representatives of the household have an account linked."""
        household_id = int(household_url.rsplit("/", 1)[1])
        return self.database.scalar(
            f"SELECT COUNT(*) FROM representative WHERE household_id = {household_id} AND account_id IS NOT NULL")

    def throttle(self, browser, column):
        """A column of the clé enfance throttle row of that parent's account."""
        return self.database.scalar(f"SELECT {column} FROM throttle WHERE key = 'childcare:{self.account_id(browser)}'")

    # What the pages say.

    def assert_refused(self, response, status, message_key, why=None):
        """The clé enfance form came back with that status, and the catalogue's message both beside the field and in
        the error summary, which links to the field."""
        self.assertEqual(response.status, status, why or response.text[:1000])
        self.assertEqual(response.field_error("childcare_key"), FR[message_key], why)
        summary = response.error_summary()
        self.assertEqual([href for href, _ in summary or []], ["#champ-childcare_key"], why)
        self.assertTrue(summary[0][1].endswith(FR[message_key]), summary)

    def assert_unlinked(self, browser):
        """The account represents nobody: no representative row names it, and "Ma famille" sends it home."""
        self.assertEqual(self.database.scalar(
            f"SELECT COUNT(*) FROM representative WHERE account_id = {self.account_id(browser)}"), 0)
        family = browser.get(C + "ma-famille")
        self.assertEqual((family.status, family.location), (303, C + "mon-espace"))

    def start_letters(self, agent=None, commune=C):
        """Starts the batch of letters from the families page; returns the POST's answer (a redirect to the job's
        page)."""
        agent = agent or self.agent
        listing = agent.get(commune + "agents/familles")
        self.assertEqual(listing.status, 200)
        return agent.post(commune + "agents/familles/lettres", {}, csrf=listing.csrf())

    def wait_for_job(self, job_url, agent=None, timeout=300):
        """Reads the job's page until the job is over (its row says done or failed); returns the last page. A wait,
        not a measure: the assertions are on what the job wrote."""
        agent = agent or self.agent
        job_id = int(job_url.rstrip("/").rsplit("/", 1)[1])
        deadline = time.monotonic() + timeout
        while True:
            page = agent.get(job_url)
            self.assertEqual(page.status, 200, page.text[:1000])
            status = self.database.scalar(f"SELECT status FROM job WHERE id = {job_id}")
            if status in ("done", "failed"):
                return agent.get(job_url)
            self.assertLess(time.monotonic(), deadline, f"job {job_id} still {status}")
            time.sleep(0.2)

    def letters_batch(self, agent=None):
        """Runs the batch of letters to its end and downloads the PDF; returns (job id, PDF bytes)."""
        agent = agent or self.agent
        started = self.start_letters(agent)
        self.assertEqual(started.status, 303, started.text[:1000])
        job_url = urllib.parse.urlsplit(started.location).path
        self.assertRegex(job_url, r"^%sagents/travaux/\d+$" % re.escape(C))
        done = self.wait_for_job(job_url, agent)
        self.assertIn(FR["job_download"], done.text, done.text[:3000])
        download = re.search(r'href="(%s/fichier)"' % re.escape(job_url), done.text).group(1)
        pdf = agent.get(download)
        self.assertEqual(pdf.status, 200)
        self.assertEqual(pdf.headers["content-type"], "application/pdf")
        self.assertIn("attachment", pdf.headers["content-disposition"])
        return int(job_url.rsplit("/", 1)[1]), pdf.body

    def key_status(self, household_url, first_name):
        """The key status the agent reads on the household page, on that representative's row."""
        rows = [r for r in self.agent.get(household_url).text.split("<tr>") if f'<th scope="row">{first_name} ' in r]
        self.assertEqual(len(rows), 1, first_name)
        return re.search(r'<td><span class="table__line">[^<]*</span><span class="table__line">([^<]*)</span></td>',
                         rows[0]).group(1)


class FamiliesTest(FamilyServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")

    def test_two_parents_each_link_their_own_key_and_see_the_other_and_the_children(self):
        household = self.household()
        self.add_child(household, "Rémi")
        self.add_child(household, "Léa", "2018-03-04")
        page, letters = self.actions(household, "lettre")
        self.assertEqual(len(letters), 2)
        texts = []
        for action in letters:
            pdf = self.agent.post(action, {}, csrf=page.csrf())
            self.assertEqual(pdf.status, 200)
            self.assertEqual(pdf.headers["content-type"], "application/pdf")
            texts.append(pdf_text(pdf.body))
        keys = [KEY.search(text).group(0) for text in texts]
        for text in texts:
            self.assertIn("Espace Victor Hugo", text)
            self.assertIn("chanteloup-les-vignes", text)
            self.assertIn("18 avenue de Poissy", text)
        self.assertIn("Marie DUPONT", texts[0])

        mother = self.parent(key=keys[0])  # linked when her address is confirmed
        home = mother.get(C + "mon-espace")
        self.assertIn("CO-REPRÉSENTANT", home.text.upper())
        self.assertIn("Xavier", home.text)
        self.assertIn("Rémi", home.text)
        self.assertIn("Léa", home.text)

        greedy = self.link(mother, keys[1])
        self.assertEqual(greedy.status, 422, "one account cannot take both representatives' places")
        self.assertIn("déjà ce foyer", greedy.text)
        father = self.parent()
        self.assertIn("clé enfance", father.get(C + "mon-espace").text.lower())
        linked = self.link(father, keys[1].lower().replace("-", " "))
        self.assertEqual(linked.status, 303, linked.text[:1000])
        home = father.get(C + "mon-espace")
        self.assertIn("Marie", home.text)
        self.assertIn("Rémi", home.text)
        self.assertIn("Léa", home.text)
        family = father.get(C + "ma-famille")
        self.assertEqual(family.status, 200)
        child_link = re.search(r'href="(%sma-famille/enfants/\d+)"' % re.escape(C), family.text).group(1)
        child = father.get(child_link)
        self.assertEqual(child.status, 200)
        self.assertIn("Sans porc", child.text)
        history = self.agent.get(household).text
        self.assertIn("Compte rattaché", history)

    def test_used_wrong_reissued_and_foreign_keys_are_refused(self):
        household = self.household(last_name="Martin")
        representative, old_key = self.issue_key(household, 0)
        again, new_key = self.issue_key(household, 0)
        self.assertEqual(again, representative)
        self.assertNotEqual(old_key, new_key)

        stranger = self.parent()
        for typed, why in [(old_key, "a re-issued key's old version stops working"),
                           ("ABCD-EFGH-JKMN", "a key nobody was given"), ("pas une clé", "not even a key")]:
            self.assert_refused(self.link(stranger, typed), 422, "err_childcare_key_unknown", why)
            self.assertEqual(self.linked_in(household), 0, why)
            self.assertIsNone(self.representative(representative, "key_used_at_us"), why)
            self.assert_unlinked(stranger)
        self.assertEqual(self.link(stranger, new_key).status, 303, "the refusals used nothing up")
        self.assertEqual(self.representative(representative, "account_id"), self.account_id(stranger))
        used_at = self.representative(representative, "key_used_at_us")
        self.assertIsNotNone(used_at)

        third = self.parent()
        self.assert_refused(self.link(third, new_key), 422, "err_childcare_key_used")
        self.assert_unlinked(third)
        # Nothing changed for the parent who used the key first.
        self.assertEqual(self.representative(representative, "account_id"), self.account_id(stranger))
        self.assertEqual(self.representative(representative, "key_used_at_us"), used_at)
        self.assertEqual(self.linked_in(household), 1)
        self.assertEqual(stranger.get(C + "ma-famille").status, 200)

        elsewhere = self.household(agent=self.other_agent, commune="/andresy/", last_name="Autre")
        page = self.other_agent.get(elsewhere)
        action = re.findall(r'action="(%s/representants/\d+/cle)"' % re.escape(elsewhere), page.text)[0]
        foreign_key = KEY.search(self.other_agent.post(action, {}, csrf=page.csrf()).text).group(0)
        newcomer = self.parent()
        self.assert_refused(self.link(newcomer, foreign_key), 422, "err_childcare_key_unknown",
                            "a key never crosses communes")
        self.assert_unlinked(newcomer)
        self.assertEqual(self.linked_in(elsewhere), 0)

    def test_a_parent_cannot_take_the_other_representatives_key_of_a_household_he_represents(self):
        household = self.household(last_name="Meme")
        mother_place, mother_key = self.issue_key(household, 0)
        father_place, father_key = self.issue_key(household, 1)
        mother = self.parent()
        self.assertEqual(self.link(mother, mother_key).status, 303)
        self.assertEqual(self.representative(mother_place, "account_id"), self.account_id(mother))

        self.assert_refused(self.link(mother, father_key), 422, "err_childcare_key_same_household")
        self.assertIsNone(self.representative(father_place, "account_id"))
        self.assertIsNone(self.representative(father_place, "key_used_at_us"), "the other parent's key is not used up")
        self.assertEqual(self.linked_in(household), 1)
        self.assertEqual(self.key_status(household, "Xavier"), FR["key_status_issued"])

        father = self.parent()
        self.assertEqual(self.link(father, father_key).status, 303, "the other parent still links with it")
        self.assertEqual(self.representative(father_place, "account_id"), self.account_id(father))
        self.assertEqual(self.representative(mother_place, "account_id"), self.account_id(mother))
        self.assertEqual(self.key_status(household, "Xavier"), FR["key_status_used"])

    def test_a_parent_reaches_nothing_of_another_household(self):
        mine = self.household(last_name="Mine")
        theirs = self.household(last_name="Theirs")
        self.add_child(theirs, "Hidden")
        _, mine_keys = self.actions(mine, "cle")
        page = self.agent.get(mine)
        key = KEY.search(self.agent.post(mine_keys[0], {}, csrf=page.csrf()).text).group(0)
        parent = self.parent()
        self.assertEqual(self.link(parent, key).status, 303)

        theirs_id = theirs.rsplit("/", 1)[1]
        theirs_page = self.agent.get(theirs).text
        hidden_child = re.search(r'/enfants/(\d+)/retirer', theirs_page).group(1)
        family_page = parent.get(C + "ma-famille")
        token = family_page.csrf()
        self.assertNotIn("Hidden", family_page.text)
        for method, path, fields in [
            ("GET", f"{C}ma-famille/enfants/{hidden_child}", None),
            ("GET", f"{C}ma-famille/enfants/999999", None),
            ("GET", f"{C}ma-famille/enfants/abc", None),
            ("POST", f"{C}ma-famille/{theirs_id}/personnes-autorisees",
             {"last_name": "X", "first_name": "Y", "phone": "0612345678"}),
            ("POST", f"{C}ma-famille/{theirs_id}/personnes-autorisees/1/retirer", {}),
            ("POST", f"{C}ma-famille/{theirs_id}/coordonnees", {"email": "x@example.fr"}),
        ]:
            response = parent.get(path) if method == "GET" else parent.post(path, fields, csrf=token)
            self.assertEqual(response.status, 404, path)
            self.assertNotIn("Hidden", response.text)
        for path in ["agents/familles", f"agents/familles/{theirs_id}", "agents/familles/import"]:
            self.assertEqual(parent.get(C + path).status, 403, path)
        self.assertEqual(parent.post(f"{C}agents/familles/{theirs_id}/enfants/{hidden_child}/retirer", {},
                                     csrf=token).status, 403)
        self.assertEqual(self.other_agent.get(f"/andresy/agents/familles/{theirs_id}").status, 404,
                         "an agent reaches only his commune")
        self.assertIn("Hidden", self.agent.get(theirs).text)

        # What the parent may change himself.
        added = parent.post(f"{C}ma-famille/{mine.rsplit('/', 1)[1]}/personnes-autorisees",
                            {"last_name": "Durand", "first_name": "Mamie", "phone": "06 11 22 33 44",
                             "relationship": "grand-mère"}, csrf=token)
        self.assertEqual(added.status, 303)
        self.assertIn("Mamie", parent.get(C + "ma-famille").text)

    def test_a_csv_import_with_a_broken_line_reports_it_and_imports_nothing(self):
        columns = ("reference;rep1_civilite;rep1_nom;rep1_prenom;rep1_lien;rep1_courriel;rep1_portable;rep2_civilite;"
                   "rep2_nom;rep2_prenom;rep2_lien;rep2_courriel;rep2_portable;adresse;complement;code_postal;ville;"
                   "enfant_nom;enfant_prenom;enfant_naissance;enfant_sexe;enfant_ecole;enfant_classe;enfant_regime;"
                   "enfant_pai")
        good = ("IMP1;madame;Importée;Anne;mere;;;;;;;;;1 rue des Vignes;;78570;Chanteloup-les-Vignes;Importée;Paul;"
                "01/09/2016;M;;CE2;standard;non")
        broken = "IMP2;madame;Cassée;Julie;tante;;;;;;;;;2 rue;;785;Chanteloup;Cassée;Tom;30/02/2017;M;;;;"
        csv = (columns + "\n" + good + "\n" + broken + "\n").encode()
        page = self.agent.get(C + "agents/familles/import")
        self.assertEqual(page.status, 200)
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{page.csrf()}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"foyers.csv\"\r\n"
                f"Content-Type: text/csv\r\n\r\n").encode() + csv + f"\r\n--{boundary}--\r\n".encode()
        response = self.agent.request("POST", C + "agents/familles/import", body=body,
                                      headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                               "Origin": self.agent.origin})
        self.assertEqual(response.status, 422, response.text[:2000])
        for column in ["rep1_lien", "code_postal", "enfant_naissance"]:
            self.assertIn(column, response.text)
        self.assertNotIn("Importée", self.agent.get(C + "agents/familles?q=IMP1").text)

        path = os.path.join(self.database.folder, "foyers.csv")
        with open(path, "wb") as f:
            f.write(csv)
        refused = run_cli("family", "import", "chanteloup-les-vignes", path, database=self.database.url)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("line 3 (rep1_lien)", refused.stderr)
        skipped = run_cli("family", "import", "chanteloup-les-vignes", path, "--skip-errors",
                          database=self.database.url)
        self.assertEqual(skipped.returncode, 0, skipped.stderr)
        self.assertIn("Imported 1 household(s) and 1 child(ren)", skipped.stdout)
        self.assertIn("households 2/2", skipped.stderr)
        self.assertIn("IMP1", self.agent.get(C + "agents/familles?q=IMP1").text)

    def test_agents_edit_the_address_record_a_quotient_and_share_a_child_between_two_households(self):
        first = self.household(last_name="Partage")
        self.add_child(first, "Noé")
        second = self.household(last_name="Autrefoyer", second=False)
        reference = re.search(r"F\d{6}", self.agent.get(first).text).group(0)
        page = self.agent.get(second)
        unknown = self.agent.post(second + "/enfants/rattacher", {"reference": "F999999", "first_name": "Noé"},
                                  csrf=page.csrf())
        self.assertEqual(unknown.status, 422)
        attached = self.agent.post(second + "/enfants/rattacher", {"reference": reference, "first_name": "Noé"},
                                   csrf=page.csrf())
        self.assertEqual(attached.status, 303, attached.text[:1500])
        self.assertIn("Noé", self.agent.get(second).text)
        moved = self.agent.post(second + "/adresse", {"address_line": "3 rue des Vignes", "postal_code": "78570",
                                                      "city": "Chanteloup-les-Vignes"}, csrf=page.csrf())
        self.assertEqual(moved.status, 303)
        self.assertIn("3 rue des Vignes", self.agent.get(second).text)
        bad = self.agent.post(second + "/quotient", {"amount": "-3", "source": "impots", "valid_from": "31/02/2026"},
                              csrf=page.csrf())
        self.assertEqual(bad.status, 422)
        recorded = self.agent.post(second + "/quotient", {"amount": "850", "source": "caf",
                                                          "valid_from": "2026-01-01", "valid_to": "2026-12-31"},
                                   csrf=page.csrf())
        self.assertEqual(recorded.status, 303)
        detail = self.agent.get(second).text
        self.assertIn("850", detail)
        self.assertIn("01/01/2026", detail)
        self.assertIn("A GENT", detail, "the history names the agent who acted")
        edit_url = re.search(r'href="(%s/representants/\d+)"' % re.escape(second), detail).group(1)
        form = self.agent.get(edit_url)
        self.assertEqual(form.status, 200)
        self.assertIn('value="Autrefoyer"', form.text)
        invalid = self.agent.post(edit_url, {"civility": "madame", "last_name": "", "first_name": "Marie",
                                             "relationship": "mother"}, csrf=form.csrf())
        self.assertEqual(invalid.status, 422)
        edited = self.agent.post(edit_url, {"civility": "madame", "last_name": "Nouveaunom", "first_name": "Marie",
                                            "relationship": "guardian", "email": "nouveau@example.fr"},
                                 csrf=form.csrf())
        self.assertEqual(edited.status, 303)
        self.assertIn("NOUVEAUNOM", self.agent.get(second).text)
        self.assertEqual(self.agent.get(second + "/representants/999999").status, 404)
        for forged in [second + "/enfants/abc/retirer", second + "/representants/0/retirer", "/chanteloup-les-vignes/agents/familles/999999/quotient"]:
            self.assertEqual(self.agent.post(forged, {"amount": "1", "source": "caf", "valid_from": "2026-01-01"},
                                             csrf=page.csrf()).status, 404, forged)

    def test_a_key_can_be_mailed_and_all_unlinked_representatives_get_letters_at_once(self):
        household = self.household(last_name="Courriel", second=False)
        page, mail_actions = self.actions(household, "courriel")
        self.assertEqual(len(mail_actions), 1)
        self.assertEqual(self.agent.post(mail_actions[0], {}, csrf=page.csrf()).status, 303)
        mail = self.sink.wait_for(lambda m: "marie.courriel@example.fr" in m.rcpt_tos)
        mailed_key = KEY.search(mail.message.get_body(("plain",)).get_content()).group(0)
        admin = run_cli("agent", "add", "chanteloup-les-vignes", "--email", "lecteur@mairie.example.fr", "--role",
                        "admin", "--first-name", "L", "--last-name", "Ecteur", "--config", self.config,
                        database=self.database.url)
        self.assertEqual(admin.returncode, 0, admin.stderr)
        reader = self.staff_login_from(admin.stdout, "lecteur@mairie.example.fr")
        listing = reader.get(C + "agents/courriels").text
        for href in re.findall(r'href="(%sagents/courriels/\d+)"' % re.escape(C), listing):
            self.assertNotIn(mailed_key, reader.get(href).text, "admins never read a sent key")
        _, pdf = self.letters_batch()
        text = pdf_text(pdf)
        self.assertIn("Marie COURRIEL", text.replace("Madame ", ""))
        self.assertGreaterEqual(len(KEY.findall(text)), 1)


class ChildcareKeyRulesTest(FamilyServerCase):
    """The throttle on clé enfance attempts and the end of a key's validity, on a server of its own: keys last one
    day, and the throttle counters (per account and per address) start from nothing."""
    extra_config = "[family]\nkey_validity_days = 1\n"

    def wait_out_the_throttle(self, browser):
        """Sleeps until the account's clé enfance block (read in the database) is over; at most a few seconds."""
        remaining = self.throttle(browser, "blocked_until_us") / 1e6 - time.time()
        self.assertLess(remaining, 5, "the delays start small")
        time.sleep(max(0.0, remaining) + 0.05)

    def test_repeated_wrong_keys_end_in_429_and_then_even_the_right_key_waits(self):
        household = self.household(last_name="Essais", second=False)
        place, key = self.issue_key(household, 0)
        parent = self.parent()
        wrong = wrong_keys()
        for attempt in range(4):  # three free failures; the fourth is refused as usual and starts the delays
            self.assert_refused(self.link(parent, next(wrong)), 422, "err_childcare_key_unknown",
                                f"attempt {attempt + 1}")
        self.assertEqual(self.throttle(parent, "failures"), 4)
        self.wait_out_the_throttle(parent)
        self.assert_refused(self.link(parent, next(wrong)), 422, "err_childcare_key_unknown")  # blocks 2 s now
        started = time.monotonic()
        self.assert_refused(self.link(parent, next(wrong)), 429, "err_childcare_key_throttled")
        right = self.link(parent, key)
        elapsed = time.monotonic() - started
        self.assert_refused(right, 429, "err_childcare_key_throttled",
                            f"even the right key waits (tried {elapsed:.2f} s into a 2 s block)")
        self.assertIsNone(self.representative(place, "account_id"))
        self.assertIsNone(self.representative(place, "key_used_at_us"))
        self.assert_unlinked(parent)
        self.assertEqual(self.throttle(parent, "failures"), 5, "tries refused while blocked do not count")

        self.wait_out_the_throttle(parent)
        self.assertEqual(self.link(parent, key).status, 303, "the delay passes, and the key was right")
        self.assertEqual(self.representative(place, "account_id"), self.account_id(parent))

    def test_an_expired_key_is_refused_as_unknown_and_shown_expired_to_the_agent(self):
        household = self.household(last_name="Perime", second=False)
        issued_at = time.time()
        place, key = self.issue_key(household, 0)
        expires_us = self.representative(place, "key_expires_at_us")
        self.assertIsNotNone(expires_us, "key_validity_days gives the key an end")
        self.assertAlmostEqual(expires_us / 1e6, issued_at + 86400, delta=60, msg="one day")
        self.assertEqual(self.key_status(household, "Marie"), FR["key_status_issued"])

        self.database.execute(
            f"UPDATE representative SET key_expires_at_us = {int((time.time() - 60) * 1e6)} WHERE id = {place}")
        self.assertEqual(self.key_status(household, "Marie"), FR["key_status_expired"])
        parent = self.parent()
        self.assert_refused(self.link(parent, key), 422, "err_childcare_key_unknown")
        self.assertIsNone(self.representative(place, "account_id"))
        self.assertIsNone(self.representative(place, "key_used_at_us"))
        self.assert_unlinked(parent)
        self.assertEqual(self.key_status(household, "Marie"), FR["key_status_expired"])

        # The control: the very same key, its end put back a day ahead, links; so the refusal was the expiry.
        self.database.execute(f"UPDATE representative SET key_expires_at_us = {expires_us} WHERE id = {place}")
        self.assertEqual(self.link(parent, key).status, 303)
        self.assertEqual(self.representative(place, "account_id"), self.account_id(parent))
        self.assertEqual(self.key_status(household, "Marie"), FR["key_status_used"])


if __name__ == "__main__":
    unittest.main()
