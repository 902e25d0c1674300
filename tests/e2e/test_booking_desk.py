"""G5 end-to-end, around the booking pages: an agent enrolling and booking for a family at the guichet (his account and
the channel in the history of every booking; foreign households, children and communes refused), the waiting list
of a full day offered on the calendar, and the child's agenda of booked days on his profile.

As in test_booking, the days are chosen from what the calendar says of them, never fixed."""
import datetime
import re

from test_booking import BookingCase, Summary, hidden_fields, iso, plain, post_pairs, today
from test_catalog import DEMO_FILE
from test_families import C, FR
from harness import run_cli


class DeskCase(BookingCase):
    def desk(self, household, child):
        return f"{C}agents/familles/{household}/enfants/{child}"

    def household_with(self, last_name, first_name):
        """A household created by the agent with one child; returns (household id, child id, household url)."""
        url = self.household(last_name=last_name, second=False)
        self.add_child(url, first_name)
        household = int(url.rsplit("/", 1)[1])
        child = self.database.scalar(
            f"SELECT c.id FROM child c JOIN household_child hc ON hc.child_id = c.id WHERE hc.household_id = "
            f"{household} AND c.first_name = '{first_name}'")
        return household, child, url

    def desk_states(self, household, child, code, months=2):
        """{date: state} of one activity on the guichet's calendar of the child."""
        found = {}
        first = today().replace(day=1)
        for i in range(months):
            index = first.year * 12 + first.month - 1 + i
            month = datetime.date(index // 12, index % 12 + 1, 1)
            page = self.agent.get(self.desk(household, child) + f"/reservations?mois={month:%Y-%m}")
            self.assertEqual(page.status, 200, page.text[:500])
            for section in page.text.split('<section class="booking-activity"')[1:]:
                if f'id="rythme-{code}-1"' not in section:
                    continue
                for state, number in re.findall(r'month-grid__day--([a-z_]+)">\s*<span class="month-grid__number">'
                                                r'(\d+)</span>', section):
                    if state != "outside":
                        found[month.replace(day=int(number))] = state
        return found

    def agent_id(self):
        return self.database.scalar("SELECT id FROM account WHERE email_lower = 'agent@mairie.example.fr'")


class DeskTest(DeskCase):
    def tearDown(self):
        self.assert_no_server_error()

    def test_an_agent_enrols_and_books_for_a_family_at_the_guichet_and_the_history_names_him(self):
        household, child, url = self.household_with("Lefebvre", "Hugo")
        desk = self.desk(household, child)
        # The household's page leads to the child's bookings and enrolments at the guichet.
        record = self.agent.get(url)
        self.assertIn(f'href="{desk}/reservations"', record.text)
        self.assertIn(f'href="{desk}/inscriptions"', record.text)

        # An activity that needs an agent's validation is accepted at once when the agent enrols at the guichet.
        self.database.change_catalogue("UPDATE catalog_activity SET needs_validation = 1 WHERE code = 'tram'")
        try:
            page = self.agent.get(desk + "/inscriptions")
            self.assertEqual(page.status, 200, page.text[:500])
            self.assertIn(plain(FR["booking_desk_notice"]), plain(page.text))
            enrolled = self.agent.post(desk + "/inscriptions",
                                       {"activite": self.activity("tram"), "periode": f"annee-{self.school_year()}",
                                        "site": self.site("ecole-victor-hugo")}, csrf=page.csrf())
            self.assertEqual(enrolled.status, 303, enrolled.text[:1500])
            self.assertEqual(enrolled.location, desk + "/inscriptions")
        finally:
            self.database.change_catalogue("UPDATE catalog_activity SET needs_validation = 0 WHERE code = 'tram'")
        self.assertEqual(self.database.scalar(
            f"SELECT status || ' ' || requested_by FROM enrolment WHERE child_id = {child}"),
            f"accepted {self.agent_id()}")

        # The agent books a day through the same summary and confirmation as a parent.
        states = self.desk_states(household, child, "tram")
        day = self.first_bookable(states)
        calendar = self.agent.get(desk + "/reservations")
        summary = post_pairs(self.agent, desk + "/reservations/recapitulatif",
                             [("activite", self.activity("tram")), ("mode", "jours"), ("action", "reserver"),
                              ("jour", iso(day))], calendar.csrf())
        self.assertEqual(summary.status, 200, summary.text[:1500])
        self.assertEqual(Summary(summary).decisions(), {day: states[day]})
        self.assertIn(plain(FR["booking_desk_notice"]), plain(summary.text))
        action = desk + "/reservations/confirmer"
        done = post_pairs(self.agent, action, hidden_fields(summary, action), summary.csrf())
        self.assertEqual(done.status, 303, done.text[:1500])
        self.assertTrue(done.location.startswith(desk + "/reservations"), done.location)
        self.assertEqual(self.count("day_booking", f"child_id = {child} AND day = '{iso(day)}' AND "
                                                   f"status = 'booked' AND household_id = {household}"), 1)
        self.assertEqual(self.database.scalar(
            f"SELECT channel || ' ' || actor_id || ' ' || household_id FROM booking_event WHERE child_id = {child} "
            "AND kind = 'day_booked' ORDER BY id DESC LIMIT 1"), f"guichet {self.agent_id()} {household}")

        # The family sees the day booked, on the calendar and in the agenda of the child's profile.
        _, key = self.issue_key(url, 0)
        parent = self.parent(key)
        self.assertEqual(self.month(parent, child, day.replace(day=1))[1]["tram"][day], "booked")
        profile = parent.get(f"{C}ma-famille/enfants/{child}")
        self.assertEqual(profile.status, 200)
        agenda = re.search(r'<section class="agenda".*?</section>', profile.text, re.S).group(0)
        if day <= today() + datetime.timedelta(days=27):
            self.assertIn(f'<time class="agenda__date" datetime="{iso(day)}">', agenda)
            self.assertIn("Temps du repas", plain(agenda))
        self.assertIn(f'href="{C}ma-famille/enfants/{child}/reservations"', agenda)

        # The agent cancels it at the guichet: the history names him again.
        calendar = self.agent.get(desk + "/reservations")
        plan = post_pairs(self.agent, desk + "/reservations/recapitulatif",
                          [("activite", self.activity("tram")), ("mode", "jours"), ("action", "annuler"),
                           ("annuler_jour", iso(day))], calendar.csrf())
        self.assertEqual(plan.status, 200, plan.text[:1500])
        cancelled = post_pairs(self.agent, action, hidden_fields(plan, action), plan.csrf())
        self.assertEqual(cancelled.status, 303, cancelled.text[:1500])
        self.assertEqual(self.count("day_booking", f"child_id = {child} AND status = 'booked'"), 0)
        self.assertEqual(self.database.scalar(
            f"SELECT channel || ' ' || actor_id FROM booking_event WHERE child_id = {child} "
            "AND kind = 'day_cancelled' ORDER BY id DESC LIMIT 1"), f"guichet {self.agent_id()}")
        # Cancelled, the day leaves the agenda.
        agenda = re.search(r'<section class="agenda".*?</section>', parent.get(f"{C}ma-famille/enfants/{child}").text,
                           re.S).group(0)
        self.assertNotIn(f'datetime="{iso(day)}"', agenda)


class DeskForeignIdsTest(DeskCase):
    """The guichet's routes with another household's child, forged ids, an agent of another commune and a parent:
    404 or 403, nothing written, no 500."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = cls.staff("andresy", "agent@andresy.example.fr")
        assert run_cli("catalog", "import", "andresy", DEMO_FILE, "--config", cls.config,
                       database=cls.database.url).returncode == 0

    def routes(self, base, day):
        tram, site, year = self.activity("tram"), self.site("ecole-victor-hugo"), self.school_year()
        return [
            ("/reservations/recapitulatif", [("activite", tram), ("jour", iso(day))]),
            ("/reservations/recapitulatif", [("activite", tram), ("mode", "annee")]),
            ("/reservations/confirmer", [("activite", tram), ("jour", iso(day)), ("empreinte", "x")]),
            ("/reservations/confirmer", [("activite", tram), ("jour", iso(day)), ("empreinte", "x"),
                                         ("action", "annuler")]),
            ("/reservations/liste-attente", [("activite", tram), ("rejoindre", iso(day))]),
            ("/inscriptions", [("activite", tram), ("site", site), ("periode", f"annee-{year}")]),
        ]

    def test_an_agent_reaches_only_the_children_of_the_household_in_the_address_and_of_his_commune(self):
        household, child, _ = self.household_with("Garnier", "Lina")
        other_household, other_child, _ = self.household_with("Fabre", "Nils")
        page = self.agent.get(self.desk(household, child) + "/inscriptions")
        self.assertEqual(page.status, 200)
        day = today() + datetime.timedelta(days=20)
        before = self.booking_rows()
        waiting_before = self.count("waiting_entry")
        # Mixed household and child, forged ids: not found.
        for h, c in [(household, other_child), (other_household, child), ("abc", child), (household, "abc"),
                     ("99999999999999999999", child), (household, "0"), ("-1", child)]:
            base = self.desk(h, c)
            self.assertEqual(self.agent.get(base + "/reservations").status, 404, (h, c))
            self.assertEqual(self.agent.get(base + "/inscriptions").status, 404, (h, c))
            for path, pairs in self.routes(base, day):
                refused = post_pairs(self.agent, base + path, pairs, page.csrf())
                self.assertEqual(refused.status, 404, (h, c, path, refused.text[:300]))
        # An agent of another commune: the household is not one of his, under his commune's address.
        theirs = self.other_agent.get("/andresy/agents/")
        self.assertEqual(theirs.status, 200)
        base = f"/andresy/agents/familles/{household}/enfants/{child}"
        self.assertEqual(self.other_agent.get(base + "/reservations").status, 404)
        for path, pairs in self.routes(base, day):
            self.assertEqual(post_pairs(self.other_agent, base + path, pairs, theirs.csrf()).status, 404, path)
        # Under the right commune's address, he is not signed in (a session is a commune's): sent to sign in.
        elsewhere = self.other_agent.get(self.desk(household, child) + "/reservations")
        self.assertEqual(elsewhere.status, 303)
        self.assertIn(C + "connexion", elsewhere.location)
        # A parent of the household is refused the guichet's routes.
        parent, ids = self.family("Roux", ["Léon"])
        own = self.database.scalar(f"SELECT household_id FROM household_child WHERE child_id = {ids['Léon']}")
        home = parent.get(self.calendar_url(ids["Léon"]))
        base = self.desk(own, ids["Léon"])
        self.assertEqual(parent.get(base + "/reservations").status, 403)
        for path, pairs in self.routes(base, day):
            self.assertEqual(post_pairs(parent, base + path, pairs, home.csrf()).status, 403, path)
        self.assertEqual(self.booking_rows(), before)
        self.assertEqual(self.count("waiting_entry"), waiting_before)
        self.assert_no_server_error()


class WaitingListTest(BookingCase):
    def tearDown(self):
        self.assert_no_server_error()

    def cell(self, browser, child, day):
        page = browser.get(self.calendar_url(child) + f"?mois={day:%Y-%m}")
        self.assertEqual(page.status, 200)
        section = [s for s in page.text.split('<section class="booking-activity"')[1:] if 'id="rythme-tram-1"' in s][0]
        for state, number, body in re.findall(r'month-grid__day--([a-z_]+)">\s*<span class="month-grid__number">'
                                              r'(\d+)</span>(.*?)</td>', section, re.S):
            if int(number) == day.day and state != "outside":
                return page, state, body
        self.fail(f"no cell for {day}")

    def test_a_full_day_offers_its_waiting_list_on_the_calendar_and_shows_the_position(self):
        first, first_ids = self.family("Blanc", ["Eva"])
        second, second_ids = self.family("Noir", ["Tom"])
        eva, tom = first_ids["Eva"], second_ids["Tom"]
        self.enrol(first, eva, "tram")
        self.enrol(second, tom, "tram")
        states = self.states(second, tom, "tram", months=2)
        day = self.first_bookable(states)
        other = next((d for d in sorted(states) if states[d] in ("on_time", "late") and d != day), None)
        activity, site = self.activity("tram"), self.site("ecole-victor-hugo")
        # Another parent takes the day's last place.
        answer = self.summary(first, eva, "tram", [day])
        self.assertEqual(self.confirm(first, eva, answer).status, 303)
        self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 1 WHERE activity_id = "
                                       f"{activity} AND site_id = {site}")
        try:
            page, state, body = self.cell(second, tom, day)
            self.assertEqual(state, "full")
            self.assertIn(f'name="rejoindre" value="{iso(day)}"', body)
            self.assertIn(f'formaction="{self.calendar_url(tom)}/liste-attente"', body)
            waiting = self.calendar_url(tom) + "/liste-attente"
            joined = post_pairs(second, waiting, [("activite", activity), ("mode", "jours"), ("rejoindre", iso(day))],
                                page.csrf())
            self.assertEqual(joined.status, 303, joined.text[:1000])
            self.assertIn(f"mois={day:%Y-%m}", joined.location)
            shown = second.get(joined.location)
            self.assertIn(plain(FR["msg_waiting_joined"]), plain(shown.text))
            rows = f"child_id = {tom} AND activity_id = {activity} AND day = '{iso(day)}'"
            self.assertEqual(self.count("waiting_entry", rows + " AND left_at_us IS NULL"), 1)
            _, _, body = self.cell(second, tom, day)
            self.assertIn(plain(FR["booking_waiting_position"].replace("{position}", "1")), plain(body))
            self.assertIn(f'name="quitter" value="{iso(day)}"', body)
            # Twice, or a day that is not full: said, and nothing more written.
            again = post_pairs(second, waiting, [("activite", activity), ("rejoindre", iso(day))], page.csrf())
            self.assertEqual(again.status, 303)
            self.assertIn(plain(FR["err_waiting_already"]), plain(second.get(again.location).text))
            if other is not None:
                refused = post_pairs(second, waiting, [("activite", activity), ("rejoindre", iso(other))],
                                     page.csrf())
                self.assertEqual(refused.status, 303)
                self.assertIn(plain(FR["err_waiting_not_full"]), plain(second.get(refused.location).text))
            self.assertEqual(self.count("waiting_entry", f"child_id = {tom}"), 1)
            # Malformed: a clear refusal, nothing written.
            for pairs in [[("activite", activity), ("rejoindre", "demain")], [("activite", "abc"),
                                                                              ("rejoindre", iso(day))]]:
                self.assertIn(post_pairs(second, waiting, pairs, page.csrf()).status, (400, 404))
            # The other parent cannot put his child on it through Tom's address, nor take Tom off.
            own = first.get(self.calendar_url(eva))
            for field in ["rejoindre", "quitter"]:
                self.assertEqual(post_pairs(first, waiting, [("activite", activity), (field, iso(day))],
                                            own.csrf()).status, 404)
            self.assertEqual(self.count("waiting_entry", f"child_id = {tom} AND left_at_us IS NULL"), 1)
            # Leaving the list: the row is closed, the day offers the list again.
            left = post_pairs(second, waiting, [("activite", activity), ("quitter", iso(day))], page.csrf())
            self.assertEqual(left.status, 303)
            self.assertIn(plain(FR["msg_waiting_left"]), plain(second.get(left.location).text))
            self.assertEqual(self.count("waiting_entry", rows + " AND left_at_us IS NULL"), 0)
            _, state, body = self.cell(second, tom, day)
            self.assertEqual(state, "full")
            self.assertIn(f'name="rejoindre" value="{iso(day)}"', body)
        finally:
            self.database.change_catalogue(f"UPDATE catalog_activity_site SET capacity = 200 WHERE activity_id = "
                                           f"{activity} AND site_id = {site}")
