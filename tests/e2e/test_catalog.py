"""G5 end-to-end: the catalogue file (import that reports every fault with its path and changes nothing, re-import
that writes nothing, export → import round trip), the calendar page with its dates to confirm, and the agents'
catalogue page: its forms change rows, bad input changes none, agents of another commune and parents are refused;
on the backend the run selects."""
import json
import os
import re
import tempfile
import unittest

from harness import TestDatabase, run_cli
from test_families import FamilyServerCase, FR, C

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DEMO_FILE = os.path.join(ROOT, "demo", "catalog-chanteloup-les-vignes.json")
TABLES = ["catalog_site", "catalog_activity", "catalog_activity_site", "school_year", "school_holiday",
          "school_day_off", "holiday_session", "holiday_session_site", "service_closure", "catalog_event"]


class CatalogTest(FamilyServerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        imported = cls.cli("import", DEMO_FILE)
        assert imported.returncode == 0, imported.stderr
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")

    @classmethod
    def cli(cls, command, path, commune="chanteloup-les-vignes"):
        return run_cli("catalog", command, commune, path, "--config", cls.config, database=cls.database.url)

    def rows(self):
        return {table: self.database.scalar(f"SELECT COUNT(*) FROM {table}") for table in TABLES}

    def write(self, document):
        handle, path = tempfile.mkstemp(suffix=".json", dir=self.database.folder)
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(document if isinstance(document, str) else json.dumps(document, ensure_ascii=False))
        return path

    def demo(self):
        with open(DEMO_FILE, encoding="utf-8") as f:
            return json.load(f)

    def catalogue_page(self, browser=None):
        page = (browser or self.agent).get(C + "agents/catalogue")
        self.assertEqual(page.status, 200, page.text[:500])
        return page

    def closure_ids(self):
        page = self.catalogue_page()
        return page, re.findall(r'action="/chanteloup-les-vignes/agents/catalogue/fermetures/(\d+)/retirer"', page.text)

    def test_a_broken_file_reports_every_fault_with_its_path_and_changes_nothing(self):
        before = self.rows()
        document = self.demo()
        document["activities"][2]["rules"]["booking"]["on_time"]["days"] = -1
        document["sessions"][0]["activity"] = "piscine"
        document["school_years"][1]["holidays"][0]["resume_day"] = {"date": "2026-10-01", "to_be_confirmed": True}
        document["sites"][0]["colour"] = "vert"
        document["activities"][0]["unit_price"] = "2,10"
        result = self.cli("import", self.write(document))
        self.assertEqual(result.returncode, 2, result.stdout)
        for path in ["$.sites[0].colour", "$.activities[0].unit_price", "$.activities[2].rules.booking.on_time.days",
                     "$.school_years[1].holidays[0].resume_day", "$.sessions[0].activity"]:
            self.assertIn(path + ": ", result.stderr)
        self.assertIn("Doit être un nombre entre 0 et 365.", result.stderr)
        self.assertIn("Aucune activité « piscine » dans le fichier.", result.stderr.replace("\u00a0", " "))
        self.assertIn("Rien n’a été importé : 5 erreur(s)", result.stderr.replace("\u00a0", " "))
        self.assertEqual(self.rows(), before)

        not_json = self.cli("import", self.write('{"format": "guichet-catalog", "sites": ['))
        self.assertEqual(not_json.returncode, 2)
        self.assertIn("$: " + FR["err_catalog_json"], not_json.stderr)
        self.assertEqual(self.rows(), before)

    def test_importing_the_same_file_again_writes_nothing(self):
        # Other tests change the catalogue: the first import puts the demo file back, the second must write nothing.
        self.assertEqual(self.cli("import", DEMO_FILE).returncode, 0)
        before = self.rows()
        again = self.cli("import", DEMO_FILE)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("Catalogue inchangé", again.stdout)
        self.assertEqual(self.rows(), before)

    def test_an_export_imported_again_is_the_same_file(self):
        # Into a commune with no catalogue yet: the export of the imported demo file is that very file.
        self.assertEqual(self.cli("import", DEMO_FILE, commune="andresy").returncode, 0)
        exported = os.path.join(self.database.folder, "export.json")
        result = self.cli("export", exported, commune="andresy")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(exported, encoding="utf-8") as f, open(DEMO_FILE, encoding="utf-8") as demo:
            self.assertEqual(f.read(), demo.read())
        before = self.rows()
        self.assertIn("Catalogue inchangé", self.cli("import", exported, commune="andresy").stdout)
        self.assertEqual(self.rows(), before)
        # A file with another key order and spacing, but the same content, is the same catalogue.
        compact = self.write(json.dumps(self.demo(), indent=None, sort_keys=True))
        self.assertIn("Catalogue inchangé", self.cli("import", compact, commune="andresy").stdout)
        self.assertEqual(self.rows(), before)
        # Emptied again, so that the other tests see Andrésy without a catalogue.
        empty = {"format": "guichet-catalog", "version": 1, "sites": [], "activities": [], "school_years": []}
        self.assertEqual(self.cli("import", self.write(empty), commune="andresy").returncode, 0)
        self.assertIn('"sites": []', self.cli("export", "-", commune="andresy").stdout)

    def test_the_calendar_says_which_dates_the_town_has_still_to_confirm(self):
        parent = self.parent()
        page = parent.get(C + "calendrier")
        self.assertEqual(page.status, 200, page.text[:500])
        text = page.text.replace("&#39;", "’")
        self.assertIn(FR["catalog_calendar_to_confirm_notice"], text)
        self.assertIn("2026-2027", text)
        self.assertIn("lundi 01/09/2025", text)
        self.assertIn("samedi 17/10/2026", text)
        self.assertIn(FR["catalog_to_confirm"], text)
        self.assertIn("Ascension", text)
        # The confirmed year says nothing of the kind: only 2026-2027 has dates to confirm.
        confirmed = text[text.index("Année scolaire 2025-2026"):text.index("Année scolaire 2026-2027")]
        self.assertNotIn(FR["catalog_calendar_year_to_confirm"], confirmed)
        self.assertNotIn(FR["catalog_to_confirm"], confirmed)
        self.assertIn(FR["catalog_calendar_year_to_confirm"], text[text.index("Année scolaire 2026-2027"):])
        self.assertEqual(self.agent.get(C + "calendrier").status, 200)
        from web_client import Browser
        anonymous = Browser(self.server.port).get(C + "calendrier")
        self.assertEqual(anonymous.status, 303)

    def test_the_agents_page_lists_the_catalogue_with_its_rules_in_words(self):
        page = self.catalogue_page()
        for text in ["École Victor Hugo", "Accueil périscolaire du matin (APPS)", "apps-matin",
                     "Vacances de la Toussaint 2026 — semaine 1", "2,10"]:
            self.assertIn(text, page.text)
        self.assertIn("majorée de 50", page.text)

    def test_an_agent_closes_a_day_and_reopens_it(self):
        before = self.rows()
        page = self.catalogue_page()
        added = self.agent.post(C + "agents/catalogue/fermetures",
                                {"closure_day": "10/11/2026", "closure_activity": "apps-soir",
                                 "closure_site": "ecole-victor-hugo", "closure_reason": "Formation des animateurs"},
                                csrf=page.csrf())
        self.assertEqual(added.status, 303, added.text[:1500])
        self.assertEqual(self.rows()["service_closure"], before["service_closure"] + 1)
        self.assertEqual(self.rows()["catalog_event"], before["catalog_event"] + 1)
        self.assertEqual(self.database.scalar("SELECT day FROM service_closure ORDER BY id DESC LIMIT 1"), "2026-11-10")
        calendar = self.agent.get(C + "calendrier")
        self.assertIn("Formation des animateurs", calendar.text)
        page, ids = self.closure_ids()
        removed = self.agent.post(C + f"agents/catalogue/fermetures/{ids[-1]}/retirer", {}, csrf=page.csrf())
        self.assertEqual(removed.status, 303)
        self.assertEqual(self.rows()["service_closure"], before["service_closure"])

    def test_an_agent_creates_a_holiday_session(self):
        before = self.rows()
        page = self.catalogue_page()
        created = self.agent.post(C + "agents/catalogue/sessions",
                                  {"session_code": "ete-2027-s5", "session_name": "Vacances d’été 2027 — semaine 5",
                                   "session_activity": "vacances", "session_first_day": "02/08/2027",
                                   "session_last_day": "06/08/2027", "session_site": "centre-de-loisirs-les-vignes",
                                   "session_capacity": "48"},
                                  csrf=page.csrf())
        self.assertEqual(created.status, 303, created.text[:1500])
        self.assertEqual(self.rows()["holiday_session"], before["holiday_session"] + 1)
        self.assertEqual(self.database.scalar("SELECT last_day FROM holiday_session WHERE code = 'ete-2027-s5'"),
                         "2027-08-06")
        self.assertIn("Vacances d’été 2027 — semaine 5", self.catalogue_page().text)

    def test_bad_input_is_shown_in_the_page_and_changes_nothing(self):
        before = self.rows()
        page = self.catalogue_page()
        closure = self.agent.post(C + "agents/catalogue/fermetures",
                                  {"closure_day": "31/02/2026", "closure_activity": "", "closure_site": "piscine",
                                   "closure_reason": ""}, csrf=page.csrf())
        self.assertEqual(closure.status, 422)
        self.assertEqual(closure.field_error("closure_day"), FR["err_date"])
        self.assertEqual(closure.field_error("closure_site"), FR["err_catalog_site_unknown"])
        self.assertEqual(closure.field_error("closure_reason"), FR["err_required"])
        self.assertEqual(closure.field_value("closure_day"), "31/02/2026")
        session = self.agent.post(C + "agents/catalogue/sessions",
                                  {"session_code": "hiver-2027-s3", "session_name": "Semaine 3",
                                   "session_activity": "vacances", "session_first_day": "26/02/2027",
                                   "session_last_day": "22/02/2027", "session_site": "nulle-part",
                                   "session_capacity": "20"}, csrf=page.csrf())
        self.assertEqual(session.status, 422)
        self.assertEqual(session.field_error("session_last_day"), FR["err_date_order"])
        self.assertEqual(session.field_error("session_site"), FR["err_catalog_site_unknown"])
        self.assertEqual(self.rows(), before)

    def test_an_agent_changes_a_setting_and_the_catalogue_file_carries_it(self):
        page = self.catalogue_page()
        self.assertEqual(page.field_value("setting_offer_hours"), "24")
        events = self.rows()["catalog_event"]
        bad = self.agent.post(C + "agents/catalogue/reglages",
                              {"setting_offer_hours": "12,5", "setting_certificate_days": "0"}, csrf=page.csrf())
        self.assertEqual(bad.status, 422)
        self.assertEqual(bad.field_error("setting_offer_hours"), FR["err_setting_number"])
        self.assertEqual(bad.field_error("setting_certificate_days"), FR["err_setting_range"])
        self.assertEqual(bad.field_value("setting_offer_hours"), "12,5")
        self.assertEqual(self.database.scalar("SELECT COUNT(*) FROM catalog_setting"), 0)
        changed = self.agent.post(C + "agents/catalogue/reglages",
                                  {"setting_offer_hours": "12", "setting_certificate_days": "10"}, csrf=page.csrf())
        self.assertEqual(changed.status, 303, changed.text[:1500])
        # The default typed back is no row; the changed one is one row and one history line.
        self.assertEqual(self.database.scalar("SELECT name || '=' || value FROM catalog_setting"), "offer_hours=12")
        self.assertEqual(self.rows()["catalog_event"], events + 1)
        self.assertEqual(self.catalogue_page().field_value("setting_offer_hours"), "12")
        exported = self.cli("export", "-")
        self.assertEqual(json.loads(exported.stdout)["settings"], {"offer_hours": 12})
        reset = self.agent.post(C + "agents/catalogue/reglages", {"setting_offer_hours": ""}, csrf=page.csrf())
        self.assertEqual(reset.status, 303)
        self.assertEqual(self.database.scalar("SELECT COUNT(*) FROM catalog_setting"), 0)

    def test_an_agent_of_another_commune_finds_none_of_this_communes_ids(self):
        page, ids = self.closure_ids()
        if not ids:
            added = self.agent.post(C + "agents/catalogue/fermetures",
                                    {"closure_day": "11/12/2026", "closure_reason": "Grève"}, csrf=page.csrf())
            self.assertEqual(added.status, 303)
            page, ids = self.closure_ids()
        before = self.rows()
        own = self.other_agent.get("/andresy/agents/catalogue")
        self.assertEqual(own.status, 200)
        self.assertNotIn("apps-matin", own.text)
        self.assertNotIn("Formation", own.text)
        for closure in ids:
            refused = self.other_agent.post(f"/andresy/agents/catalogue/fermetures/{closure}/retirer", {},
                                            csrf=own.csrf())
            self.assertEqual(refused.status, 404, closure)
        self.assertEqual(self.other_agent.post("/andresy/agents/catalogue/fermetures/abc/retirer", {},
                                               csrf=own.csrf()).status, 404)
        self.assertEqual(self.rows(), before)
        calendar = self.other_agent.get("/andresy/calendrier")
        self.assertEqual(calendar.status, 200)
        self.assertNotIn("2026-2027", calendar.text)

    def test_a_parent_is_refused_the_agents_pages(self):
        parent = self.parent()
        home = parent.get(C + "calendrier")
        before = self.rows()
        self.assertEqual(parent.get(C + "agents/catalogue").status, 403)
        self.assertEqual(parent.post(C + "agents/catalogue/fermetures",
                                     {"closure_day": "12/11/2026", "closure_reason": "x"}, csrf=home.csrf()).status,
                         403)
        self.assertEqual(parent.post(C + "agents/catalogue/sessions", {"session_code": "x"}, csrf=home.csrf()).status,
                         403)
        self.assertEqual(parent.post(C + "agents/catalogue/fermetures/1/retirer", {}, csrf=home.csrf()).status, 403)
        self.assertEqual(self.rows(), before)


class CatalogFileTest(unittest.TestCase):
    def test_the_demo_file_follows_the_json_schema(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("python3-jsonschema is not installed")
        with open(os.path.join(ROOT, "docs", "catalog.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        with open(DEMO_FILE, encoding="utf-8") as f:
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(f)))
        self.assertEqual([e.message for e in errors], [])


    def test_the_example_of_the_format_document_imports(self):
        with open(os.path.join(ROOT, "docs", "catalog-format.md"), encoding="utf-8") as f:
            example = re.search(r"```json\n(.*?)```", f.read(), re.S).group(1)
        database = TestDatabase()
        try:
            path = os.path.join(database.folder, "example.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(example)
            self.assertEqual(run_cli("tenant", "create", "exemple", "--name", "Exemple",
                                     database=database.url).returncode, 0)
            imported = run_cli("catalog", "import", "exemple", path, database=database.url)
            self.assertEqual(imported.returncode, 0, imported.stderr)
            self.assertIn("Catalogue importé", imported.stdout)
        finally:
            database.close()


if __name__ == "__main__":
    unittest.main()
