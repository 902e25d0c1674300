"""G6 end-to-end, attendance (pointage) and the kitchen's counts: the roll of a site, day and activity lists the booked
children with their class, PAI, diet and pick-up persons; a tap sent twice with the same mark id is stored once and
a later tap replaces the mark (every tap in the history, with who, when and for whom); an enrolled child without a
booking is an unbooked presence; the roll's CSV opens in French Excel; the kitchen counts the TRAM meals per site and
diet. Site staff reach only their sites, parents none, agents only their commune.

The bookings of the roll are written behind the server's back: a day is booked at least fifteen days ahead, so no
booking of today can be made through the pages on the day the test runs."""
import csv
import datetime
import io
import re
import urllib.parse

from harness import run_cli
from test_booking import iso, plain, today
from test_booking_desk import DeskCase
from test_catalog import DEMO_FILE
from test_families import C, FR
from web_client import Browser


def working_day(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


class AttendanceTest(DeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.member("chanteloup-les-vignes", "admin@mairie.example.fr", "admin")
        cls.animateur = cls.member("chanteloup-les-vignes", "animateur@mairie.example.fr", "site_staff")
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")
        assert run_cli("catalog", "import", "andresy", DEMO_FILE, "--config", cls.config,
                       database=cls.database.url).returncode == 0

    @classmethod
    def member(cls, commune, email, role):
        """A staff account of that role, signed in."""
        created = run_cli("agent", "add", commune, "--email", email, "--first-name", "Ani", "--last-name", "Mateur",
                          "--role", role, "--config", cls.config, database=cls.database.url)
        assert created.returncode == 0, created.stderr
        link = urllib.parse.urlsplit(re.search(r"http\S+definir-mot-de-passe\S+", created.stdout).group(0))
        browser = Browser(cls.server.port)
        page = browser.get(link.path + "?" + link.query)
        browser.post(link.path, {"token": page.field_value("token"), "password": "une animatrice du centre"},
                     csrf=page.csrf())
        home = "/" + commune + "/"
        signed = browser.submit(home + "connexion", home + "connexion",
                                {"login": email, "password": "une animatrice du centre"})
        assert signed.status == 303, signed.status
        return browser

    def tearDown(self):
        self.assert_no_server_error()

    # The world of a roll, written behind the server's back.

    def commune_id(self, slug="chanteloup-les-vignes"):
        return self.database.scalar(f"SELECT id FROM commune WHERE slug = '{slug}'")

    def enrolled_child(self, last_name, first_name, code="tram", site="ecole-victor-hugo"):
        """A child (named Dupont, whatever his household's name) of a new household enrolled at the guichet
        (accepted); returns (household, child)."""
        household, child, _ = self.household_with(last_name, first_name)
        desk = self.desk(household, child)
        page = self.agent.get(desk + "/inscriptions")
        enrolled = self.agent.post(desk + "/inscriptions",
                                   {"activite": self.activity(code), "periode": f"annee-{self.school_year()}",
                                    "site": self.site(site)}, csrf=page.csrf())
        self.assertEqual(enrolled.status, 303, enrolled.text[:1500])
        return household, child

    def book(self, household, child, day, code="tram", site="ecole-victor-hugo", status="booked"):
        self.database.execute(
            "INSERT INTO day_booking (commune_id, household_id, child_id, activity_id, site_id, day, status, timing, "
            "unit_price_cents, surcharge_cents, channel, booked_by, booked_at_us) VALUES "
            f"({self.commune_id()}, {household}, {child}, {self.activity(code)}, {self.site(site)}, '{iso(day)}', "
            f"'{status}', 'on_time', 350, 0, 'guichet', {self.agent_id()}, 0)")

    def roll_url(self, day, code="tram", site="ecole-victor-hugo"):
        return f"{C}agents/pointage/{self.site(site)}/{self.activity(code)}/{iso(day)}"

    def staff_sites(self, browser_account_email, sites):
        account = self.database.scalar(f"SELECT id FROM account WHERE email_lower = '{browser_account_email}'")
        page = self.admin.get(C + "agents/pointage/personnel")
        self.assertEqual(page.status, 200, page.text[:500])
        body = urllib.parse.urlencode([("_csrf", page.csrf())] + [("site", self.site(s)) for s in sites])
        saved = self.admin.request("POST", f"{C}agents/pointage/personnel/{account}", body=body,
                                   headers={"Content-Type": "application/x-www-form-urlencoded",
                                            "Origin": self.admin.origin})
        self.assertEqual(saved.status, 303, saved.text[:500])
        return account

    def tap(self, browser, roll, child, presence, mark, json=False):
        page = browser.get(roll)
        self.assertEqual(page.status, 200, page.text[:500])
        fields = {"_csrf": page.csrf(), "child": child, "presence": presence, "mark": mark}
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": browser.origin}
        if json:
            headers["Accept"] = "application/json"
        return browser.request("POST", roll + "/marques", body=urllib.parse.urlencode(fields), headers=headers)

    def attendance_rows(self):
        return {table: self.count(table) for table in ["attendance_tap", "attendance_mark", "booking_event"]}

    # The stories.

    def test_the_roll_lists_the_booked_children_and_a_tap_sent_twice_is_stored_once(self):
        day = today()
        household, hugo = self.enrolled_child("Lefebvre", "Hugo")
        _, lina = self.enrolled_child("Garnier", "Lina")
        _, nael = self.enrolled_child("Roux", "Naël")
        self.book(household, hugo, day)
        self.book(self.database.scalar(f"SELECT household_id FROM household_child WHERE child_id = {lina}"), lina, day)
        self.book(household, nael, day, status="cancelled")  # a cancelled day is not on the roll
        self.database.execute(f"UPDATE child SET pai = 1 WHERE id = {hugo}")
        self.database.execute("INSERT INTO authorised_person (household_id, last_name, first_name, phone, relationship)"
                              f" VALUES ({household}, 'Lefebvre', 'Josette', '06 01 02 03 04', 'grand-mère')")
        roll = self.roll_url(day)

        # The agent opens the roll from the site's page.
        home = self.agent.get(C + "agents/pointage")
        self.assertEqual(home.status, 200, home.text[:500])
        self.assertIn(f'href="{C}agents/pointage/{self.site("ecole-victor-hugo")}"', home.text)
        opened = self.agent.get(f"{C}agents/pointage/{self.site('ecole-victor-hugo')}/appel?activite="
                                f"{self.activity('tram')}&jour={iso(day)}")
        self.assertEqual(opened.status, 303)
        self.assertEqual(opened.location, roll)
        page = self.agent.get(roll)
        self.assertEqual(page.status, 200, page.text[:500])
        text = plain(page.text)
        self.assertIn("Dupont Hugo", text)
        self.assertIn("Dupont Lina", text)
        self.assertNotIn("Dupont Naël", text)
        self.assertIn(plain(FR["class_cm1"]), text)
        self.assertIn(plain(FR["diet_no_pork"]), text)
        self.assertIn("Josette Lefebvre (grand-mère) – 06 01 02 03 04", text)
        card = re.search(rf'<li class="roll-child" id="enfant-{hugo}".*?</li>\s*</ul>', page.text, re.S).group(0)
        self.assertIn(FR["attendance_pai"], card)

        # One tap, sent twice with the same mark id: one tap, one mark, one history row.
        before = self.attendance_rows()
        first = self.tap(self.agent, roll, hugo, "present", "mark-0001-hugo")
        self.assertEqual(first.status, 303, first.text[:500])
        again = self.tap(self.agent, roll, hugo, "present", "mark-0001-hugo", json=True)
        self.assertEqual(again.status, 200, again.text[:500])
        self.assertEqual(again.json()["outcome"], "already_stored")
        after = self.attendance_rows()
        self.assertEqual({k: after[k] - before[k] for k in after},
                         {"attendance_tap": 1, "attendance_mark": 1, "booking_event": 1})
        agent = self.agent_id()
        self.assertEqual(self.database.scalar(
            f"SELECT kind || ' ' || actor_id || ' ' || household_id || ' ' || channel FROM booking_event WHERE "
            f"child_id = {hugo} AND kind LIKE 'attendance_%' ORDER BY id DESC LIMIT 1"),
            f"attendance_present {agent} {household} guichet")

        # A later tap replaces the mark; both taps stay in the history.
        later = self.tap(self.agent, roll, hugo, "absent", "mark-0002-hugo", json=True)
        self.assertEqual(later.status, 200, later.text[:500])
        self.assertEqual(later.json()["outcome"], "stored")
        self.assertEqual(self.database.scalar(
            f"SELECT presence || ' ' || basis || ' ' || mark_id FROM attendance_mark WHERE child_id = {hugo}"),
            "absent booked mark-0002-hugo")
        self.assertEqual(self.count("attendance_tap", f"child_id = {hugo}"), 2)
        self.assertEqual(self.count("booking_event", f"child_id = {hugo} AND kind LIKE 'attendance_%'"), 2)
        page = self.agent.get(roll)
        self.assertIn(f'id="enfant-{hugo}" data-child="{hugo}" data-state="absent"', page.text)

        # Naël is enrolled but not booked (his day was cancelled): found by name, he is an unbooked presence.
        found = self.agent.get(roll + "?nom=na%C3%ABl")
        self.assertIn("Dupont Naël", plain(found.text))
        unbooked = self.tap(self.agent, roll, nael, "present", "mark-0003-nael", json=True)
        self.assertEqual(unbooked.status, 200, unbooked.text[:500])
        self.assertEqual(self.database.scalar(f"SELECT basis FROM attendance_mark WHERE child_id = {nael}"),
                         "unbooked")
        absent = self.tap(self.agent, roll, nael, "absent", "mark-0004-nael", json=True)
        self.assertEqual(absent.status, 422, absent.text[:500])

        # Bad taps: a malformed mark id, an unknown presence, a day to come, a forged child: refused, nothing written.
        before = self.attendance_rows()
        self.assertEqual(self.tap(self.agent, roll, hugo, "present", "x'; --").status, 422)
        self.assertEqual(self.tap(self.agent, roll, hugo, "peut-etre", "mark-0005-hugo").status, 422)
        tomorrow = self.roll_url(day + datetime.timedelta(days=1))
        self.assertEqual(self.tap(self.agent, tomorrow, hugo, "present", "mark-0006-hugo").status, 422)
        for child in ["99999999", "abc", "-1"]:
            self.assertEqual(self.tap(self.agent, roll, child, "present", "mark-0007-" + "x" * 4).status, 404)
        self.assertEqual(self.attendance_rows(), before)

        # The CSV opens in French Excel: BOM, semicolons, dd/mm/yyyy.
        exported = self.agent.get(roll + "/liste.csv")
        self.assertEqual(exported.status, 200)
        self.assertTrue(exported.headers["content-type"].startswith("text/csv"))
        self.assertTrue(exported.body.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(exported.body.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][:5], ["Date", "Site", "Activité", "Nom", "Prénom"])
        by_name = {row[3] + " " + row[4]: row for row in rows[1:]}
        self.assertLessEqual({"Dupont Hugo", "Dupont Lina", "Dupont Naël"}, set(by_name))
        hugo_row = by_name["Dupont Hugo"]
        self.assertEqual(hugo_row[0], day.strftime("%d/%m/%Y"))
        self.assertEqual(hugo_row[6], "oui")  # PAI
        self.assertEqual(hugo_row[9], FR["attendance_state_absent"])
        self.assertRegex(hugo_row[10], r"^\d\d/\d\d/\d{4} à \d\d:\d\d$")
        self.assertIn("Josette Lefebvre (grand-mère)", hugo_row[11])
        self.assertEqual(by_name["Dupont Naël"][8], "non")  # not booked
        self.assertEqual(self.agent.get(roll + "/impression").status, 200)

    def test_the_kitchen_counts_the_booked_meals_per_site_and_diet(self):
        first = working_day(today())
        second = working_day(first + datetime.timedelta(days=1))
        household, ines = self.enrolled_child("Moreau", "Inès")
        _, tom = self.enrolled_child("Fabre", "Tom")
        tom_household = self.database.scalar(f"SELECT household_id FROM household_child WHERE child_id = {tom}")
        self.database.execute(f"UPDATE child SET diet = 'standard' WHERE id = {tom}")
        before = self.kitchen_counts()
        self.book(household, ines, first)
        self.book(tom_household, tom, first)
        self.book(household, ines, second)
        self.book(tom_household, tom, second, status="cancelled")
        self.book(household, ines, first, code="apps-soir")  # not a meal
        after = self.kitchen_counts()
        site = "École Victor Hugo"
        added = {key: after.get(key, 0) - before.get(key, 0) for key in set(after) | set(before)}
        self.assertEqual({k: v for k, v in added.items() if v},
                         {(first.strftime("%d/%m/%Y"), site, FR["diet_no_pork"]): 1,
                          (first.strftime("%d/%m/%Y"), site, FR["diet_standard"]): 1,
                          (second.strftime("%d/%m/%Y"), site, FR["diet_no_pork"]): 1})
        page = self.agent.get(C + "agents/cuisine")
        self.assertEqual(page.status, 200)
        self.assertIn(f'id="jour-{iso(first)}"', page.text)
        # Site staff and parents do not see the kitchen's page.
        self.assertEqual(self.animateur.get(C + "agents/cuisine").status, 403)

    def kitchen_counts(self):
        exported = self.agent.get(C + "agents/cuisine/repas.csv")
        self.assertEqual(exported.status, 200)
        self.assertTrue(exported.body.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(exported.body.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0], ["Date", "Site", "Régime", "Repas"])
        return {(row[0], row[1], row[2]): int(row[3]) for row in rows[1:]}

    def test_site_staff_reach_only_their_sites_parents_none_and_agents_only_their_commune(self):
        day = today()
        household, child = self.enrolled_child("Blanc", "Emma")
        self.book(household, child, day)
        roll = self.roll_url(day)
        self.staff_sites("animateur@mairie.example.fr", ["centre-de-loisirs-les-vignes"])
        self.assertEqual(self.count("audit_event", "kind = 'staff_sites_set'"), 1)

        # The site staff member sees his site only, and nothing else of the back office.
        home = self.animateur.get(C + "agents/pointage")
        self.assertEqual(home.status, 200)
        self.assertIn(f'{C}agents/pointage/{self.site("centre-de-loisirs-les-vignes")}"', home.text)
        self.assertNotIn(f'{C}agents/pointage/{self.site("ecole-victor-hugo")}"', home.text)
        for path in ["agents/", "agents/familles", "agents/inscriptions", "agents/cuisine"]:
            self.assertEqual(self.animateur.get(C + path).status, 403, path)
        before = self.attendance_rows()
        self.assertEqual(self.animateur.get(roll).status, 404)
        self.assertEqual(self.animateur.get(roll + "/liste.csv").status, 404)
        self.assertEqual(self.animateur.get(f"{C}agents/pointage/{self.site('ecole-victor-hugo')}").status, 404)
        page = self.animateur.get(C + "agents/pointage")
        refused = self.animateur.post(roll + "/marques", {"child": child, "presence": "present",
                                                           "mark": "mark-0101-emma"}, csrf=page.csrf())
        self.assertEqual(refused.status, 404)

        # Once given the school, he takes its roll.
        self.staff_sites("animateur@mairie.example.fr", ["centre-de-loisirs-les-vignes", "ecole-victor-hugo"])
        self.assertEqual(self.animateur.get(roll).status, 200)
        self.assertEqual(self.tap(self.animateur, roll, child, "present", "mark-0102-emma").status, 303)
        staff_id = self.database.scalar("SELECT id FROM account WHERE email_lower = 'animateur@mairie.example.fr'")
        self.assertEqual(self.database.scalar(f"SELECT marked_by FROM attendance_mark WHERE child_id = {child}"),
                         staff_id)
        self.assertEqual(self.attendance_rows()["attendance_tap"], before["attendance_tap"] + 1)

        # A parent reaches none of it.
        parent, _ = self.family("Petit", ["Jules"])
        page = parent.get(C + "mon-espace")
        for path in ["agents/pointage", roll[len(C):], roll[len(C):] + "/liste.csv", "agents/cuisine",
                     "agents/pointage/personnel"]:
            self.assertIn(parent.get(C + path).status, (403, 404), path)
        self.assertEqual(parent.post(roll + "/marques", {"child": child, "presence": "absent",
                                                          "mark": "mark-0103-emma"}, csrf=page.csrf()).status, 403)
        # An agent of another commune: Chanteloup's ids are unknown in Andrésy.
        other = self.other_agent.get("/andresy/agents/pointage")
        self.assertEqual(other.status, 200)
        foreign = f"/andresy/agents/pointage/{self.site('ecole-victor-hugo')}/{self.activity('tram')}/{iso(day)}"
        self.assertEqual(self.other_agent.get(foreign).status, 404)
        self.assertEqual(self.other_agent.get(foreign + "/liste.csv").status, 404)
        self.assertEqual(self.other_agent.post(foreign + "/marques", {"child": child, "presence": "absent",
                                                                      "mark": "mark-0104-emma"},
                                               csrf=other.csrf()).status, 404)
        # Only an admin sets the sites; an agent is refused.
        self.assertEqual(self.agent.get(C + "agents/pointage/personnel").status, 403)
        self.assertEqual(self.database.scalar(f"SELECT presence FROM attendance_mark WHERE child_id = {child}"),
                         "present")

    def test_the_service_worker_is_served_from_the_rolls_path_under_the_csp(self):
        answer = self.agent.get(C + "agents/pointage/sw.js")
        self.assertEqual(answer.status, 200)
        self.assertTrue(answer.headers["content-type"].startswith("text/javascript"))
        self.assertIn("script-src 'self'", answer.headers["content-security-policy"])
        self.assertIn("addEventListener('fetch'", answer.text)
