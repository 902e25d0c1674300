"""G6 end-to-end: a holiday session in pre-registration. Families request it during its window (requests take no
place), a request outside the window is refused, another household's child is not found; at closing the
`booking.allocation` timer shares the places out once by the published priorities and a seeded lottery, books the
placed children, puts the others on the waiting list in their order and mails every family; `guichet allocation
replay` recomputes the same result from the recorded seed."""
import datetime
import json
import re
import unittest

from harness import run_cli
from test_booking import PARIS, BookingCase, plain
from test_catalog import DEMO_FILE
from test_families import C

SESSION = "hiver-2027-s1"  # Monday 8 to Friday 12 February 2027
CLOSED = "hiver-2027-s2"
SUBJECT = "Résultat de la pré-inscription"


def local(moment):
    return moment.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


class AllocationTest(BookingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = datetime.datetime.now(PARIS)
        cls.closes = now + datetime.timedelta(hours=2)
        rules = {"mode": "pre_registration", "opens_at": local(now - datetime.timedelta(days=1)),
                 "closes_at": local(cls.closes),
                 "priorities": [{"criterion": "resident", "weight": 100},
                                {"criterion": "siblings_together", "weight": 10}],
                 "resident_postcodes": ["78570"]}
        past = dict(rules, opens_at=local(now - datetime.timedelta(days=3)),
                    closes_at=local(now - datetime.timedelta(days=2)))
        for code, value in ((SESSION, rules), (CLOSED, past)):
            cls.database.change_catalogue(
                f"UPDATE holiday_session SET allocation = '{json.dumps(value)}' WHERE code = '{code}'")
        # Two places a day, so that the draw decides.
        cls.database.change_catalogue(
            "UPDATE holiday_session_site SET capacity = 2 WHERE session_id IN "
            f"(SELECT id FROM holiday_session WHERE code = '{SESSION}')")
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")
        assert run_cli("catalog", "import", "andresy", DEMO_FILE, "--config", cls.config,
                       database=cls.database.url).returncode == 0

    def page_url(self, child, session=SESSION):
        return f"{C}ma-famille/enfants/{child}/preinscriptions/{session}"

    def request(self, browser, child, session=SESSION, choice="demander", expect=303):
        page = browser.get(self.page_url(child, session))
        self.assertEqual(page.status, 200, page.text[:1500])
        fields = {"choix": choice, "site": self.site("centre-de-loisirs-les-vignes")}
        answer = browser.post(self.page_url(child, session), fields, csrf=page.csrf())
        self.assertEqual(answer.status, expect, answer.text[:1500])
        return answer

    def of_session(self, code=SESSION):
        return f"session_id = (SELECT id FROM holiday_session WHERE code = '{code}' AND commune_id = (SELECT id FROM " \
               "commune WHERE slug = 'chanteloup-les-vignes'))"

    def rows(self):
        return {table: self.count(table) for table in
                ["allocation_request", "allocation_run", "day_booking", "day_places", "waiting_entry", "enrolment"]}

    def test_pre_registration_then_allocation_then_results_then_replay(self):
        resident, resident_ids = self.family("Dupont", ["Rémi"])
        outsider, outsider_ids = self.family("Martin", ["Léa"])
        siblings, sibling_ids = self.family("Bernard", ["Hugo", "Inès"])
        for name in ("Martin", "Bernard"):
            self.database.execute("UPDATE household SET postal_code = '78300' WHERE id = (SELECT household_id FROM "
                                  f"representative WHERE last_name = '{name}' ORDER BY id DESC LIMIT 1)")
        remi, lea = resident_ids["Rémi"], outsider_ids["Léa"]
        hugo, ines = sibling_ids["Hugo"], sibling_ids["Inès"]

        # The page publishes the rules in plain French; the child's profile links to it.
        page = resident.get(self.page_url(remi))
        self.assertEqual(page.status, 200)
        text = plain(page.text)
        self.assertIn("Famille domiciliée dans la commune : 100 points.", text)
        self.assertIn("Frères et sœurs", text)
        self.assertIn("tirage au sort", text)
        self.assertIn(self.page_url(remi), resident.get(f"{C}ma-famille/enfants/{remi}").text)

        before = self.rows()
        for browser, child in ((resident, remi), (outsider, lea), (siblings, hugo), (siblings, ines)):
            self.request(browser, child)
        after = self.rows()
        self.assertEqual(after["allocation_request"], before["allocation_request"] + 4)
        # Requests are rows: no place, no booking, no waiting list yet.
        for table in ("day_booking", "day_places", "waiting_entry", "allocation_run"):
            self.assertEqual(after[table], before[table], table)
        self.assertEqual(self.count("booking_event", "kind = 'allocation_requested'"), 4)

        # A withdrawal and a new request, during the window.
        self.request(outsider, lea, choice="retirer")
        self.assertEqual(self.database.scalar(f"SELECT status FROM allocation_request WHERE child_id = {lea}"),
                         "withdrawn")
        self.request(outsider, lea)
        self.assertEqual(self.database.scalar(f"SELECT status FROM allocation_request WHERE child_id = {lea}"),
                         "requested")

        # Outside the window: refused with a message, nothing written.
        before = self.rows()
        answer = self.request(resident, remi, session=CLOSED)
        shown = plain(resident.get(answer.location).text)
        self.assertIn("Les demandes pour cette session sont closes.", shown)
        self.assertEqual(self.rows(), before)

        # Another household's child, a forged id, a session not in pre-registration: 404, nothing written.
        page = resident.get(self.page_url(remi))
        for path in (self.page_url(lea), self.page_url(999999), self.page_url(remi, "ete-2027-s1"),
                     self.page_url(remi, "nope")):
            self.assertEqual(resident.get(path).status, 404, path)
            answer = resident.post(path, {"choix": "demander", "site": self.site("centre-de-loisirs-les-vignes")},
                                   csrf=page.csrf())
            self.assertEqual(answer.status, 404, path)
        self.assertEqual(resident.post(self.page_url(remi), {"choix": "demander", "site": "abc"},
                                       csrf=page.csrf()).status, 303)
        self.assertEqual(self.rows(), before)
        # The agents' page: an agent of the commune only.
        self.assertEqual(resident.get(f"{C}agents/preinscriptions/{SESSION}").status, 403)
        self.assertEqual(self.other_agent.get(f"/andresy/agents/preinscriptions/{SESSION}").status, 404)
        office = self.agent.get(f"{C}agents/preinscriptions/{SESSION}")
        self.assertEqual(office.status, 200)
        self.assertIn("pas encore eu lieu", plain(office.text))

        # Before closing, the timer does nothing.
        early = (self.closes - datetime.timedelta(minutes=5)).astimezone(datetime.timezone.utc)
        early = run_cli("timers", "run", "--at", early.strftime("%Y-%m-%dT%H:%M:%SZ"), "booking.allocation",
                        "--config", self.config, database=self.database.url)
        self.assertEqual(early.returncode, 0, early.stderr)
        self.assertEqual(self.count("allocation_run", self.of_session()), 0)

        at = (self.closes + datetime.timedelta(minutes=5)).astimezone(datetime.timezone.utc)
        ran = run_cli("timers", "run", "--at", at.strftime("%Y-%m-%dT%H:%M:%SZ"), "booking.allocation",
                      "--config", self.config, database=self.database.url)
        self.assertEqual(ran.returncode, 0, ran.stderr + ran.stdout)
        self.assertEqual(self.count("allocation_run", self.of_session()), 1)
        seed = self.database.scalar(f"SELECT seed FROM allocation_run WHERE {self.of_session()}")
        self.assertRegex(seed, r"^[0-9a-f]{16}$")

        # Two places: Rémi (resident) first; the siblings outrank Léa but need two places where one is left, so
        # they go to the waiting list together and Léa gets the place, whatever the draw.
        status = {child: self.database.scalar(f"SELECT status FROM allocation_request WHERE child_id = {child}")
                  for child in (remi, lea, hugo, ines)}
        self.assertEqual(status, {remi: "placed", lea: "placed", hugo: "waiting", ines: "waiting"})
        session_days = "day >= '2027-02-08' AND day <= '2027-02-12'"
        for child in (remi, lea):
            self.assertEqual(self.count("day_booking", f"child_id = {child} AND status = 'booked' AND "
                                                       f"timing = 'on_time' AND {session_days}"), 5)
        self.assertEqual(self.database.scalar(
            f"SELECT MIN(taken) FROM day_places WHERE {session_days} AND activity_id = {self.activity('vacances')}"),
            2)
        for child in (hugo, ines):
            self.assertEqual(self.count("waiting_entry", f"child_id = {child} AND left_at_us IS NULL AND "
                                                         f"{session_days}"), 5)
        # The waiting list keeps the lottery's order: the one drawn first joined first, every day.
        first = self.database.scalar("SELECT child_id FROM waiting_entry WHERE day = '2027-02-10' "
                                     "ORDER BY joined_at_us, id LIMIT 1")
        for day in ("2027-02-08", "2027-02-12"):
            self.assertEqual(self.database.scalar(f"SELECT child_id FROM waiting_entry WHERE day = '{day}' "
                                                  "ORDER BY joined_at_us, id LIMIT 1"), first)
        self.assertIn(first, (hugo, ines))
        self.assertEqual(self.count("booking_event", "kind = 'allocation_placed'"), 2)
        self.assertEqual(self.count("booking_event", "kind = 'allocation_waiting'"), 2)

        # One results mail per family, sent by the running server.
        for name in ("dupont", "martin", "bernard"):
            mail = self.sink.wait_for_to(f"marie.{name}@example.fr", subject_contains=SUBJECT, timeout=30)
            self.assertIsNotNone(mail)
        bernard = self.sink.wait_for_to("marie.bernard@example.fr", subject_contains=SUBJECT)
        self.assertIn("liste d", bernard.message.get_body(("plain",)).get_content())

        # The families see their result, the agents the whole table with the seed.
        self.assertIn("Votre enfant a une place", plain(resident.get(self.page_url(remi)).text))
        self.assertIn("liste d’attente, au rang", plain(siblings.get(self.page_url(ines)).text))
        self.assertIn(seed, siblings.get(self.page_url(ines)).text)
        office = plain(self.agent.get(f"{C}agents/preinscriptions/{SESSION}").text)
        self.assertIn(seed, office)
        self.assertIn(f"guichet allocation replay chanteloup-les-vignes {SESSION}", office)

        # Once: a second tick changes nothing.
        before = self.rows()
        again = run_cli("timers", "run", "--at", (at + datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "booking.allocation", "--config", self.config, database=self.database.url)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(self.rows(), before)

        # Anyone re-runs the draw and gets the same result, even after a household moved.
        self.database.execute("UPDATE household SET postal_code = '75001' WHERE id = (SELECT household_id FROM "
                              "representative WHERE last_name = 'Dupont' ORDER BY id DESC LIMIT 1)")
        replay = run_cli("allocation", "replay", "chanteloup-les-vignes", SESSION, "--config", self.config,
                         database=self.database.url)
        self.assertEqual(replay.returncode, 0, replay.stderr + replay.stdout)
        self.assertIn(f"seed {seed}", replay.stdout)
        self.assertIn("same as recorded", replay.stdout)
        self.assertEqual(len(re.findall(r"^\d+ \d+ \d+ \d+ (placed|waiting)$", replay.stdout, re.M)), 4)
        # A session that has not run, or is first come: exit 2.
        self.assertEqual(run_cli("allocation", "replay", "chanteloup-les-vignes", "ete-2027-s1", "--config",
                                 self.config, database=self.database.url).returncode, 2)


if __name__ == "__main__":
    unittest.main()
